using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>Parameters of <c>/api/directory/find-groups</c>. Every property is optional; unset ones are not sent.</summary>
public sealed class DirectoryGroupQuery
{
    /// <summary>Gets or sets the text to look for in group names.</summary>
    public string? Query { get; set; }

    /// <summary>Gets or sets where the groups come from: <c>cloud</c> or <c>ldap</c> (an open string).</summary>
    public string? Source { get; set; }

    /// <summary>Gets or sets the page size (at most 100); the client's <see cref="MimecastClientOptions.DefaultPageSize"/> when unset.</summary>
    [JsonIgnore]
    public int? PageSize { get; set; }
}

/// <summary>A profile group (a "folder" on the wire).</summary>
public sealed class DirectoryGroup
{
    /// <summary>Gets the group's id: opaque, valid for the calls you make now; never cache or compare it across reads.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the group's name (<c>description</c> on the wire).</summary>
    public string? Description { get; init; }

    /// <summary>Gets where the group comes from: <c>cloud</c> or <c>ldap</c> (an open string).</summary>
    public string? Source { get; init; }

    /// <summary>Gets the parent group's id, if any.</summary>
    public string? ParentId { get; init; }

    /// <summary>Gets the number of members.</summary>
    public int? UserCount { get; init; }

    /// <summary>Gets the number of child groups.</summary>
    public int? FolderCount { get; init; }
}

/// <summary>A member of a profile group: an address or a domain.</summary>
public sealed class DirectoryGroupMember
{
    /// <summary>Gets the member's address, for an address member.</summary>
    public string? EmailAddress { get; init; }

    /// <summary>Gets the member's domain, for a domain member.</summary>
    public string? Domain { get; init; }

    /// <summary>Gets a value indicating whether the address is internal to the account.</summary>
    public bool? Internal { get; init; }

    /// <summary>Gets how the member was added (for example <c>created_manually</c>); an open string.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the member's display name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the notes stored with the member.</summary>
    public string? Notes { get; init; }
}

/// <summary>One member to add to or remove from a group: a group id and exactly one of an address or a domain.</summary>
public sealed class GroupMembership
{
    /// <summary>Creates an address member.</summary>
    /// <param name="groupId">The group's id, as just read.</param>
    /// <param name="emailAddress">The address.</param>
    /// <param name="notes">Notes (at most 100 characters; add only).</param>
    /// <returns>The member.</returns>
    public static GroupMembership ForEmailAddress(string groupId, string emailAddress, string? notes = null) => new() { GroupId = groupId, EmailAddress = emailAddress, Notes = notes };

    /// <summary>Creates a domain member.</summary>
    /// <param name="groupId">The group's id, as just read.</param>
    /// <param name="domain">The domain, without <c>@</c>.</param>
    /// <param name="notes">Notes (at most 100 characters; add only).</param>
    /// <returns>The member.</returns>
    public static GroupMembership ForDomain(string groupId, string domain, string? notes = null) => new() { GroupId = groupId, Domain = domain, Notes = notes };

    /// <summary>Gets the group's id.</summary>
    public required string GroupId { get; init; }

    /// <summary>Gets the address (or set <see cref="Domain"/>).</summary>
    public string? EmailAddress { get; init; }

    /// <summary>Gets the domain (or set <see cref="EmailAddress"/>).</summary>
    public string? Domain { get; init; }

    /// <summary>Gets the notes (at most 100 characters), sent on add only; omitted when null.</summary>
    public string? Notes { get; init; }

    /// <summary>Returns the member's address or domain.</summary>
    /// <returns>The address or domain.</returns>
    public override string ToString() => EmailAddress ?? Domain ?? string.Empty;
}

/// <summary>What an add or remove did to a member.</summary>
public enum GroupMembershipOutcome
{
    /// <summary>The member was added.</summary>
    Added,

    /// <summary>The member was already in the group (<c>err_folder_group_member_already_exists</c>): nothing changed.</summary>
    AlreadyMember,

    /// <summary>The member was removed.</summary>
    Removed,

    /// <summary>The address was not in the group (<c>err_folder_email_address_not_found</c>): nothing changed.</summary>
    NotAMember,
}

/// <summary>The result of a succeeded add or remove.</summary>
public sealed class GroupMembershipResult
{
    /// <summary>Gets what the call did.</summary>
    public GroupMembershipOutcome Outcome { get; init; }

    /// <summary>Gets the member's id Mimecast returned, if any (opaque).</summary>
    public string? MemberId { get; init; }

    /// <summary>Gets the group's id Mimecast returned, if any (opaque).</summary>
    public string? GroupId { get; init; }

    /// <summary>Gets a value indicating whether Mimecast considers the address internal, when it said.</summary>
    public bool? Internal { get; init; }
}

internal sealed class GroupsData
{
    public List<DirectoryGroup>? Folders { get; init; }
}

internal sealed class GroupMembersData
{
    public List<DirectoryGroupMember>? GroupMembers { get; init; }
}

internal sealed class GroupIdData
{
    public required string Id { get; init; }
}

internal sealed class GroupMemberWire
{
    public required string Id { get; init; }

    public string? EmailAddress { get; init; }

    public string? Domain { get; init; }

    public string? Notes { get; init; }
}

internal sealed class GroupMemberData
{
    public string? Id { get; init; }

    public string? FolderId { get; init; }

    public string? EmailAddress { get; init; }

    public string? Domain { get; init; }

    public bool? Internal { get; init; }
}

// Source-generated JSON metadata of the directory family.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(RequestEnvelope<DirectoryGroupQuery>))]
[JsonSerializable(typeof(RequestEnvelope<GroupIdData>))]
[JsonSerializable(typeof(RequestEnvelope<GroupMemberWire>))]
[JsonSerializable(typeof(ResponseEnvelope<GroupsData>))]
[JsonSerializable(typeof(ResponseEnvelope<GroupMembersData>))]
[JsonSerializable(typeof(ResponseEnvelope<GroupMemberData>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DirectoryJsonContext : JsonSerializerContext
{
}

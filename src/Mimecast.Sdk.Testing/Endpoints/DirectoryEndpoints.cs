using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The directory family (<c>/api/directory/...</c>, API 1.0 and 2.0) on the kit: find-groups and get-group-members are
/// paged listings (<see cref="PagedEnvelopeEndpoint{T}"/>, <c>data[0].folders[]</c> and <c>data[0].groupMembers[]</c>);
/// add-group-member and remove-group-member are per-item writes (1–10 items) with Mimecast's "already a member"
/// (<c>err_folder_group_member_already_exists</c>) and "not a member" (<c>err_folder_email_address_not_found</c>) answers.
/// </summary>
internal sealed class DirectoryEndpoints(EndpointKit kit) : ISimulatorEndpointFamily
{
    public const string FindGroupsPath = "/api/directory/find-groups";
    public const string GroupMembersPath = "/api/directory/get-group-members";
    public const string AddMemberPath = "/api/directory/add-group-member";
    public const string RemoveMemberPath = "/api/directory/remove-group-member";
    public const string AlreadyMember = "err_folder_group_member_already_exists";
    public const string NotAMember = "err_folder_email_address_not_found";

    /// <summary>The code of an unknown group id (UNCONFIRMED: no recorded answer).</summary>
    public const string GroupNotFound = "err_folder_not_found";

    public IEnumerable<SimulatorRoute> Routes =>
    [
        new PagedEnvelopeEndpoint<SimulatorGroup>(kit, FindGroupsPath, "folders", a => DirectoryState.Of(a).Groups.Items, ParseGroups, WriteGroups, writeTotalCount: true).Route,
        new PagedEnvelopeEndpoint<SimulatorGroupMember>(kit, GroupMembersPath, "groupMembers", a => DirectoryState.Of(a).Members.Items, ParseMembers, WriteMembers, writeTotalCount: false).Route,
        new ActionEndpoint(kit, AddMemberPath, 1, 10, AddMember).Route,
        new ActionEndpoint(kit, RemoveMemberPath, 1, 10, RemoveMember).Route,
    ];

    private static PagedQuery<SimulatorGroup> ParseGroups(JsonElement? data)
    {
        string? query = RequestFields.StringField(data, "query");
        string? source = RequestFields.StringField(data, "source");
        if (source is not (null or "cloud" or "ldap"))
        {
            return PagedQuery<SimulatorGroup>.Failed(new FailError(SimulatorErrorCodes.InvalidValue, "source must be cloud or ldap", Field: "source"));
        }

        Func<SimulatorGroup, bool>? filter = query is null && source is null
            ? null
            : g => (query is null || g.Description.Contains(query, StringComparison.OrdinalIgnoreCase)) && (source is null || g.Source == source);
        return new PagedQuery<SimulatorGroup>(null, null, OldestFirst: true, Canonical: "q=" + query + "|s=" + source, filter);
    }

    private static PagedQuery<SimulatorGroupMember> ParseMembers(JsonElement? data)
    {
        string? id = RequestFields.StringField(data, "id");
        return RequestFields.Required(id, "id") is { } error
            ? PagedQuery<SimulatorGroupMember>.Failed(error)
            : new PagedQuery<SimulatorGroupMember>(null, null, OldestFirst: true, Canonical: "id=" + id, m => m.GroupId == id);
    }

    private static void WriteGroups(Utf8JsonWriter w, IReadOnlyList<SimulatorGroup> page)
    {
        w.WriteStartObject();
        w.WriteStartArray("folders");
        foreach (SimulatorGroup g in page)
        {
            w.WriteStartObject();
            w.WriteString("id", g.Id);
            w.WriteString("description", g.Description);
            w.WriteString("source", g.Source);
            if (g.ParentId is { } parent)
            {
                w.WriteString("parentId", parent);
            }

            w.WriteNumber("userCount", g.MemberCount);
            w.WriteNumber("folderCount", 0);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMembers(Utf8JsonWriter w, IReadOnlyList<SimulatorGroupMember> page)
    {
        w.WriteStartObject();
        w.WriteStartArray("groupMembers");
        foreach (SimulatorGroupMember m in page)
        {
            w.WriteStartObject();
            WriteTarget(w, m.EmailAddress, m.Domain);
            w.WriteBoolean("internal", m.Internal);
            w.WriteString("type", "created_manually");
            if (m.EmailAddress is { } email)
            {
                w.WriteString("name", email[..email.IndexOf('@', StringComparison.Ordinal)]);
            }

            if (m.Notes is { } notes)
            {
                w.WriteString("notes", notes);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter w, string? emailAddress, string? domain)
    {
        if (emailAddress is not null)
        {
            w.WriteString("emailAddress", emailAddress);
        }
        else
        {
            w.WriteString("domain", domain);
        }
    }

    private void AddMember(AccountState account, JsonElement item, ItemAnswer answer)
    {
        if (Target(account, item, out DirectoryState state, out string groupId, out string? email, out string? domain) is { } error)
        {
            answer.Fail(item, error);
            return;
        }

        string? notes = RequestFields.StringField(item, "notes");
        if (notes is { Length: > 100 })
        {
            answer.Fail(item, new FailError(SimulatorErrorCodes.InvalidValue, "notes must be at most 100 characters", Field: "notes"));
            return;
        }

        if (state.Members.Items.Exists(m => m.GroupId == groupId && m.Is(email, domain)))
        {
            answer.Fail(item, new FailError(AlreadyMember, "Group member already exists"));
            return;
        }

        bool isInternal = email is not null && email.EndsWith("@" + account.Domain, StringComparison.OrdinalIgnoreCase);
        SimulatorGroupMember member = state.AddMember(groupId, email, domain, notes, isInternal, kit.Core.Settings.Time.GetUtcNow());
        answer.Data(w => WriteChange(w, member));
    }

    private static void RemoveMember(AccountState account, JsonElement item, ItemAnswer answer)
    {
        if (Target(account, item, out DirectoryState state, out string groupId, out string? email, out string? domain) is { } error)
        {
            answer.Fail(item, error);
            return;
        }

        SimulatorGroupMember? member = state.Members.Items.Find(m => m.GroupId == groupId && m.Is(email, domain));
        if (member is null)
        {
            answer.Fail(item, new FailError(NotAMember, "Error email address not found"));
            return;
        }

        state.RemoveMember(member);
        answer.Data(w => WriteChange(w, member));
    }

    private static void WriteChange(Utf8JsonWriter w, SimulatorGroupMember m)
    {
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteString("folderId", m.GroupId);
        WriteTarget(w, m.EmailAddress, m.Domain);
        w.WriteBoolean("internal", m.Internal);
        w.WriteEndObject();
    }

    // The group and the address or domain of an add/remove item, or the validation error Mimecast answers.
    private static FailError? Target(AccountState account, JsonElement item, out DirectoryState state, out string groupId, out string? email, out string? domain)
    {
        state = DirectoryState.Of(account);
        groupId = RequestFields.StringField(item, "id") ?? string.Empty;
        email = RequestFields.StringField(item, "emailAddress");
        domain = RequestFields.StringField(item, "domain");
        if (RequestFields.Required(groupId.Length == 0 ? null : groupId, "id") is { } missing)
        {
            return missing;
        }

        if ((email is null) == (domain is null))
        {
            return new FailError(SimulatorErrorCodes.ValidationNull, "Exactly one of emailAddress and domain is required", Field: "emailAddress");
        }

        if (email is not null && !RequestFields.LooksLikeEmail(email))
        {
            return new FailError(SimulatorErrorCodes.InvalidEmailAddress, "Email address is not valid", Field: "emailAddress");
        }

        string id = groupId;
        return state.Groups.Items.Exists(g => g.Id == id) ? null : new FailError(GroupNotFound, "Group not found", Field: "id");
    }
}

using System.Text.Json;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The directory family: two listings and two bulk idempotent writes on the engine.</summary>
internal sealed class DirectoryClient : IDirectoryClient
{
    private readonly MimecastTransport _transport;

    internal DirectoryClient(MimecastTransport transport) => _transport = transport;

    /// <inheritdoc />
    public MimecastPageable<DirectoryGroup> FindGroupsAsync(DirectoryGroupQuery? query = null, CancellationToken cancellationToken = default) =>
        _transport.Pageable<DirectoryGroup>((token, size, ct) => GroupsPageAsync(query, token, size, ct), cancellationToken);

    /// <inheritdoc />
    public Task<MimecastPage<DirectoryGroup>> FindGroupsPageAsync(DirectoryGroupQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
        GroupsPageAsync(query, pageToken, null, cancellationToken);

    /// <inheritdoc />
    public MimecastPageable<DirectoryGroupMember> GetGroupMembersAsync(string groupId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        return _transport.Pageable<DirectoryGroupMember>((token, size, ct) => MembersPageAsync(groupId, token, size, ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<MimecastPage<DirectoryGroupMember>> GetGroupMembersPageAsync(string groupId, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        return MembersPageAsync(groupId, pageToken, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MimecastBulkResult<GroupMembership, GroupMembershipResult>> AddMembersAsync(IReadOnlyList<GroupMembership> members, CancellationToken cancellationToken = default)
    {
        Validate(members, notes: true);
        return _transport.SendBulkAsync(Bulk(DirectoryOperations.AddMember, GroupMembershipOutcome.Added, DirectoryOperations.AlreadyMemberCode, GroupMembershipOutcome.AlreadyMember,
            static m => new GroupMemberWire { Id = m.GroupId, EmailAddress = m.EmailAddress, Domain = m.Domain, Notes = m.Notes }), members, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MimecastBulkResult<GroupMembership, GroupMembershipResult>> RemoveMembersAsync(IReadOnlyList<GroupMembership> members, CancellationToken cancellationToken = default)
    {
        Validate(members, notes: false);
        return _transport.SendBulkAsync(Bulk(DirectoryOperations.RemoveMember, GroupMembershipOutcome.Removed, DirectoryOperations.NotAMemberCode, GroupMembershipOutcome.NotAMember,
            static m => new GroupMemberWire { Id = m.GroupId, EmailAddress = m.EmailAddress, Domain = m.Domain }), members, cancellationToken);
    }

    // Add and remove differ only in path, wire item and the "already done" code: one description serves both.
    private static BulkOperation<GroupMembership, GroupMemberWire, GroupMemberData, GroupMembershipResult> Bulk(Http.MimecastOperation operation, GroupMembershipOutcome done,
        string alreadyDoneCode, GroupMembershipOutcome alreadyDone, Func<GroupMembership, GroupMemberWire> toWire) => new()
    {
        Operation = operation,
        ToWire = toWire,
        RequestInfo = DirectoryJsonContext.Default.RequestEnvelopeGroupMemberWire,
        ResponseInfo = DirectoryJsonContext.Default.ResponseEnvelopeGroupMemberData,
        DataMatches = static (data, item) => item.EmailAddress is { } email
            ? string.Equals(data.EmailAddress, email, StringComparison.OrdinalIgnoreCase)
            : string.Equals(data.Domain, item.Domain, StringComparison.OrdinalIgnoreCase),
        ToResult = data => new GroupMembershipResult { Outcome = done, MemberId = data.Id, GroupId = data.FolderId, Internal = data.Internal },
        KeyMatches = static (key, item) => key.ValueKind == JsonValueKind.Object
            && (item.EmailAddress is { } email ? Text(key, "emailAddress") is { } k && string.Equals(k, email, StringComparison.OrdinalIgnoreCase)
                : Text(key, "domain") is { } d && string.Equals(d, item.Domain, StringComparison.OrdinalIgnoreCase)),
        AlreadyDone = (error, _) => string.Equals(error.Code, alreadyDoneCode, StringComparison.OrdinalIgnoreCase) ? new GroupMembershipResult { Outcome = alreadyDone } : null,
        Describe = static m => m.ToString(),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Validate(IReadOnlyList<GroupMembership> members, bool notes)
    {
        ArgumentNullException.ThrowIfNull(members);
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i] ?? throw new ArgumentException($"Member {i} is null.", nameof(members));
            if (string.IsNullOrWhiteSpace(m.GroupId))
            {
                throw new ArgumentException($"Member {i} has no GroupId.", nameof(members));
            }

            if (string.IsNullOrWhiteSpace(m.EmailAddress) == string.IsNullOrWhiteSpace(m.Domain))
            {
                throw new ArgumentException($"Member {i} must have exactly one of EmailAddress and Domain.", nameof(members));
            }

            if (notes && m.Notes is { Length: > DirectoryOperations.MaxNotesLength })
            {
                throw new ArgumentException($"Member {i} has notes of {m.Notes.Length} characters: Mimecast accepts at most {DirectoryOperations.MaxNotesLength}.", nameof(members));
            }
        }
    }

    private Task<MimecastPage<DirectoryGroup>> GroupsPageAsync(DirectoryGroupQuery? query, string? pageToken, int? pageSize, CancellationToken cancellationToken)
    {
        query ??= new DirectoryGroupQuery();
        return _transport.GetPageAsync(DirectoryOperations.FindGroups, query, query.PageSize, pageToken, pageSize,
            DirectoryJsonContext.Default.RequestEnvelopeDirectoryGroupQuery, DirectoryJsonContext.Default.ResponseEnvelopeGroupsData, static d => d.Folders, cancellationToken);
    }

    private Task<MimecastPage<DirectoryGroupMember>> MembersPageAsync(string groupId, string? pageToken, int? pageSize, CancellationToken cancellationToken) =>
        _transport.GetPageAsync(DirectoryOperations.GroupMembers, new GroupIdData { Id = groupId }, null, pageToken, pageSize,
            DirectoryJsonContext.Default.RequestEnvelopeGroupIdData, DirectoryJsonContext.Default.ResponseEnvelopeGroupMembersData, static d => d.GroupMembers, cancellationToken);
}

using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// Profile groups of the directory (<c>client.Directory</c>), over API 1.0 or 2.0 (the same <c>/api/directory/...</c>
/// paths): find groups, list members, add and remove members. Groups such as "Blocked Senders" back policies, so adding
/// an address to one is a common containment step. Thread-safe; can be faked on its own.
/// </summary>
/// <remarks>
/// Group ids are opaque and may differ between reads: pass the id you just read, never cache or compare ids across
/// reads. Failures are reported as described on <see cref="IMimecastClient"/>.
/// </remarks>
public interface IDirectoryClient
{
    /// <summary>
    /// Finds profile groups (<c>POST /api/directory/find-groups</c>, <c>data[0].folders[]</c>), paged: <c>await foreach</c>
    /// over the groups, or <see cref="MimecastPageable{T}.AsPages"/> for page tokens. A read, retried after transient faults.
    /// Permission: <c>Directories | Groups | Edit</c> (Mimecast documents Edit even for this read).
    /// </summary>
    /// <param name="query">The text to look for in group names and the source (<c>cloud</c> or <c>ldap</c>); null for every group.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The groups.</returns>
    /// <exception cref="MimecastApiException">Mimecast refused the call (including a <c>meta.status</c> 403 with an empty <c>fail</c>).</exception>
    MimecastPageable<DirectoryGroup> FindGroupsAsync(DirectoryGroupQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of <see cref="FindGroupsAsync"/>, for callers that checkpoint page tokens.</summary>
    /// <param name="query">The query; send the same one with every token of a listing.</param>
    /// <param name="pageToken">The page's token, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the next token.</returns>
    /// <exception cref="MimecastApiException">Mimecast refused the call.</exception>
    Task<MimecastPage<DirectoryGroup>> FindGroupsPageAsync(DirectoryGroupQuery? query, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the members of a group (<c>POST /api/directory/get-group-members</c>, <c>data[0].groupMembers[]</c>), paged.
    /// A read. Permission: API 1.0 <c>Directories | Groups | Read</c>; API 2.0 <c>Services | Directory Sync | Read</c>.
    /// </summary>
    /// <param name="groupId">The group's id as just read from <see cref="FindGroupsAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The members (addresses and domains).</returns>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is empty.</exception>
    /// <exception cref="MimecastApiException">Mimecast refused the call.</exception>
    MimecastPageable<DirectoryGroupMember> GetGroupMembersAsync(string groupId, CancellationToken cancellationToken = default);

    /// <summary>Gets one page of <see cref="GetGroupMembersAsync"/>.</summary>
    /// <param name="groupId">The group's id.</param>
    /// <param name="pageToken">The page's token, or <see langword="null"/> for the first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the next token.</returns>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is empty.</exception>
    /// <exception cref="MimecastApiException">Mimecast refused the call.</exception>
    Task<MimecastPage<DirectoryGroupMember>> GetGroupMembersPageAsync(string groupId, string? pageToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds addresses or domains to groups (<c>POST /api/directory/add-group-member</c>), any number, one per call, one
    /// result per item. A member already in the group succeeds with <see cref="GroupMembershipOutcome.AlreadyMember"/>
    /// (Mimecast's <c>err_folder_group_member_already_exists</c>), so the call is idempotent and retried like a read; other
    /// refusals are <see cref="MimecastItemStatus.Failed"/> items (a partial failure is a result: call
    /// <see cref="MimecastBulkResult{TItem, TResult}.EnsureSuccess"/> for all-or-nothing). To check an outcome yourself, list
    /// the group's members. Permission: <c>Directories | Groups | Edit</c>.
    /// </summary>
    /// <param name="members">The members to add: a group id and an address or a domain each, notes up to 100 characters.</param>
    /// <param name="cancellationToken">Cancels the remaining calls.</param>
    /// <returns>One result per member, in order.</returns>
    /// <exception cref="ArgumentException">A member has no group id, neither or both of address and domain, or notes over 100 characters (nothing is sent).</exception>
    Task<MimecastBulkResult<GroupMembership, GroupMembershipResult>> AddMembersAsync(IReadOnlyList<GroupMembership> members, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes addresses or domains from groups (<c>POST /api/directory/remove-group-member</c>), any number, up to 10 per
    /// call, one result per item. An address not in the group succeeds with <see cref="GroupMembershipOutcome.NotAMember"/>
    /// (Mimecast's <c>err_folder_email_address_not_found</c>): idempotent, retried like a read. Notes are not sent.
    /// Permission: API 1.0 <c>Directories | Groups | Edit</c>; API 2.0 <c>Services | Directory Sync | Edit</c>.
    /// </summary>
    /// <param name="members">The members to remove: a group id and an address or a domain each.</param>
    /// <param name="cancellationToken">Cancels the remaining calls.</param>
    /// <returns>One result per member, in order.</returns>
    /// <exception cref="ArgumentException">A member has no group id, or neither or both of address and domain (nothing is sent).</exception>
    Task<MimecastBulkResult<GroupMembership, GroupMembershipResult>> RemoveMembersAsync(IReadOnlyList<GroupMembership> members, CancellationToken cancellationToken = default);
}

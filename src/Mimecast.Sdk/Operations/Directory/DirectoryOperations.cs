using Mimecast.Sdk.Http;

namespace Mimecast.Sdk.Operations;

/// <summary>
/// The directory (profile groups) family's descriptors, legacy routes on both generations. Adding a member that is already
/// in the group and removing one that is not both report "already done" (<c>err_folder_group_member_already_exists</c>,
/// <c>err_folder_email_address_not_found</c>), so both writes are idempotent and retried like reads.
/// </summary>
internal static class DirectoryOperations
{
    /// <summary>The error code of an add whose member is already in the group.</summary>
    internal const string AlreadyMemberCode = "err_folder_group_member_already_exists";

    /// <summary>The error code of a remove whose address is not in the group.</summary>
    internal const string NotAMemberCode = "err_folder_email_address_not_found";

    /// <summary>The longest <c>notes</c> Mimecast accepts on a member.</summary>
    internal const int MaxNotesLength = 100;

    internal static readonly MimecastOperation FindGroups = new("find-groups", "/api/directory/find-groups") { ListProperty = "folders", MaxPageSize = 100 };

    internal static readonly MimecastOperation GroupMembers = new("get-group-members", "/api/directory/get-group-members") { ListProperty = "groupMembers", MaxPageSize = 100 };

    // One member per call: what every peer sends; a larger batch for add is not documented.
    internal static readonly MimecastOperation AddMember = new("add-group-member", "/api/directory/add-group-member")
    {
        Idempotency = OperationIdempotency.IdempotentWrite,
        MaxItemsPerCall = 1,
    };

    // "Up to 10 members … in a single request" (2.0 documentation).
    internal static readonly MimecastOperation RemoveMember = new("remove-group-member", "/api/directory/remove-group-member")
    {
        Idempotency = OperationIdempotency.IdempotentWrite,
        MaxItemsPerCall = 10,
    };
}

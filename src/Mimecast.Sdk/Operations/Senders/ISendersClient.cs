using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// Sender actions (<c>client.Senders</c>), over API 1.0 or 2.0: permit or block a sender for a recipient (managed
/// senders) and blocked-sender policies. Thread-safe; can be faked on its own. Every write is logged at Information,
/// traced and counted (<c>mimecast.actions</c>).
/// </summary>
/// <remarks>Failures are reported as described on <see cref="IMimecastClient"/>.</remarks>
public interface ISendersClient
{
    /// <summary>
    /// Permits senders for recipients (bypassing spam checks), in calls of at most 100 entries. Needs
    /// <c>Gateway | Managed Senders | Edit</c>. The entry is keyed by (sender, to) and overwritten by each call, so it is
    /// retried like a read.
    /// </summary>
    /// <param name="entries">Any number of (sender, recipient) pairs.</param>
    /// <param name="cancellationToken">Cancels the remaining calls.</param>
    /// <returns>One result per entry, in order (a refused address is <see cref="MimecastItemStatus.Failed"/> with Mimecast's code); <see cref="MimecastBulkResult{TItem, TResult}.EnsureSuccess"/> throws unless all succeeded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    Task<MimecastBulkResult<ManagedSenderEntry, ManagedSender>> PermitAsync(IEnumerable<ManagedSenderEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Blocks senders for recipients, in calls of at most 100 entries. Needs <c>Gateway | Managed Senders | Edit</c>.
    /// An upsert keyed by (sender, to), retried like a read. A Permitted Senders policy supersedes a managed block.
    /// </summary>
    /// <param name="entries">Any number of (sender, recipient) pairs.</param>
    /// <param name="cancellationToken">Cancels the remaining calls.</param>
    /// <returns>One result per entry, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    Task<MimecastBulkResult<ManagedSenderEntry, ManagedSender>> BlockAsync(IEnumerable<ManagedSenderEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Lists every blocked-sender policy. Needs <c>Gateway | Policies | Read</c>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The policies.</returns>
    /// <exception cref="MimecastApiException">Mimecast refused the call.</exception>
    Task<IReadOnlyList<BlockedSenderPolicy>> GetPoliciesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one blocked-sender policy by id. Needs <c>Gateway | Policies | Read</c>.</summary>
    /// <param name="id">The policy id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The policy, or <see langword="null"/> when Mimecast answered without one.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    /// <exception cref="MimecastApiException">Mimecast refused the call (an unknown id among others).</exception>
    Task<BlockedSenderPolicy?> GetPolicyAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a blocked-sender policy. Needs <c>Gateway | Policies | Edit</c>. Every call creates a new policy, so it is
    /// never sent twice by accident (a 429 is resent). When the answer is lost, the SDK lists the policies and looks for
    /// the description: exactly one is <see cref="BlockedSenderPolicyCreateOutcome.CreatedVerified"/>, none is
    /// <see cref="BlockedSenderPolicyCreateOutcome.NotCreated"/>; several, or a failed look-up, throw
    /// <see cref="MimecastOutcomeUnknownException"/>. Keep descriptions unique for that check to mean something.
    /// </summary>
    /// <param name="request">The policy; no defaults for the sender and recipient sides.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome and the policy.</returns>
    /// <exception cref="ArgumentException">A required field is empty, a type needs a value, or the policy blocks everyone without <see cref="BlockedSenderPolicyRequest.AllowBlockingEveryone"/>.</exception>
    /// <exception cref="MimecastOutcomeUnknownException">The answer was lost and the look-up could not tell.</exception>
    /// <exception cref="MimecastApiException">Mimecast refused the policy.</exception>
    Task<BlockedSenderPolicyCreateResult> CreatePolicyAsync(BlockedSenderPolicyRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a blocked-sender policy: reads it, applies <paramref name="change"/> to its full content, and sends the
    /// whole policy with its id (Mimecast replaces the entire policy, so fields the caller does not touch are kept as
    /// read). Needs <c>Gateway | Policies | Read</c> and <c>Edit</c>. Sending the same content again changes nothing, so it
    /// is retried like a read. The guardrail and required fields are checked on the result.
    /// </summary>
    /// <param name="id">The policy id.</param>
    /// <param name="change">Changes the request, pre-filled from the current policy.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The policy as Mimecast answered it.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, or the changed policy is not valid (see <see cref="CreatePolicyAsync"/>).</exception>
    /// <exception cref="MimecastApiException">Mimecast has no such policy or refused the change.</exception>
    Task<BlockedSenderPolicy> UpdatePolicyAsync(string id, Action<BlockedSenderPolicyRequest> change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a blocked-sender policy. Needs <c>Gateway | Policies | Edit</c> (inferred). Idempotent, retried like a read:
    /// an id Mimecast does not have (<c>meta.status</c> 404) is <see cref="MimecastDeleteOutcome.AlreadyAbsent"/>.
    /// Whether API 2.0 serves this call is unconfirmed.
    /// </summary>
    /// <param name="id">The policy id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was deleted now or was already absent.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    Task<MimecastDeleteOutcome> DeletePolicyAsync(string id, CancellationToken cancellationToken = default);
}

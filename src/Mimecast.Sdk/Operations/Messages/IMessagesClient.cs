using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>
/// The message finder (<c>client.Messages</c>, formerly tracking): find who received a message and what happened to it,
/// over API 1.0 or 2.0. Reads only (resent after transient faults). Thread-safe; can be faked on its own.
/// </summary>
/// <remarks>Failures are reported as described on <see cref="IMimecastClient"/>.</remarks>
public interface IMessagesClient
{
    /// <summary>
    /// Searches tracked messages (<c>/api/message-finder/search</c>, not paginated) by message id or by advanced options.
    /// Needs <c>Gateway | Tracking | Read</c>. Mimecast tracks rejected and deferred messages for 7 days.
    /// </summary>
    /// <param name="query">The search: exactly one of <see cref="MessageSearchQuery.MessageId"/> and <see cref="MessageSearchQuery.Advanced"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tracked messages (<c>data[0].trackedEmails</c>).</returns>
    /// <exception cref="ArgumentException">Both or neither of the message id and the advanced options (nothing is sent).</exception>
    Task<IReadOnlyList<TrackedEmail>> SearchAsync(MessageSearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>Gets the details of one tracked message (<c>/api/message-finder/get-message-info</c>, one id per call). Needs <c>Gateway | Tracking | Read</c>.</summary>
    /// <param name="id">A <see cref="TrackedEmail.Id"/> from a fresh search.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message's details.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null or blank.</exception>
    Task<MessageInfo> GetMessageInfoAsync(string id, CancellationToken cancellationToken = default);
}

using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The message finder: two single-item reads.</summary>
internal sealed class MessagesClient : IMessagesClient
{
    private readonly MimecastTransport _transport;

    internal MessagesClient(MimecastTransport transport) => _transport = transport;

    /// <inheritdoc />
    public async Task<IReadOnlyList<TrackedEmail>> SearchAsync(MessageSearchQuery query, CancellationToken cancellationToken = default)
    {
        var wire = MessagesOperations.ToWire(query);
        var data = await _transport.CallAllAsync(MessagesOperations.Search, [wire], MessageActionsJsonContext.Default.RequestEnvelopeMessageSearchWire,
            MessageActionsJsonContext.Default.ResponseEnvelopeMessageSearchData, cancellationToken).ConfigureAwait(false);
        return ReadOnlyItems.Of(data.SelectMany(static d => d.TrackedEmails ?? []).OfType<TrackedEmail>().ToList());
    }

    /// <inheritdoc />
    public Task<MessageInfo> GetMessageInfoAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return _transport.CallAsync(MessagesOperations.Info, new HeldIdWire { Id = id }, MessageActionsJsonContext.Default.RequestEnvelopeHeldIdWire,
            MessageActionsJsonContext.Default.ResponseEnvelopeMessageInfo, cancellationToken);
    }
}

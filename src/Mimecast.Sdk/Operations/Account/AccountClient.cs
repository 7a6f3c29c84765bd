using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The account family: one descriptor and one engine call.</summary>
internal sealed class AccountClient : IAccountClient
{
    private readonly MimecastTransport _transport;

    internal AccountClient(MimecastTransport transport) => _transport = transport;

    /// <inheritdoc />
    public async Task<MimecastAccount> GetAsync(CancellationToken cancellationToken = default)
    {
        var envelope = await _transport.CallManyAsync(AccountOperations.GetAccount, [], AccountJsonContext.Default.RequestEnvelopeJsonElement,
            AccountJsonContext.Default.ResponseEnvelopeMimecastAccount, cancellationToken).ConfigureAwait(false);
        return MimecastTransport.First(envelope, AccountOperations.GetAccount);
    }
}

using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;

namespace Mimecast.Sdk.Operations;

/// <summary>
/// The Mimecast client of one named registration: a cheap handle (a name and the shared services) whose areas are
/// small sub-clients over one shared <see cref="MimecastTransport"/>. Adding an area is a property here and on
/// <see cref="IMimecastClient"/>, its interface, its implementation and its descriptors.
/// </summary>
internal sealed class MimecastClient : IMimecastClient, IMimecastRawCalls
{
    internal MimecastClient(string name, MimecastClientContextProvider contexts, IHttpClientFactory httpClientFactory, MimecastTelemetry telemetry, ILogger logger,
        CallPacerRegistry pacers)
    {
        Name = name;
        var transport = Transport = new MimecastTransport(name, contexts, httpClientFactory, telemetry, logger, pacers);
        Login = new LoginClient(transport);
        Ttp = new TtpClient(transport);
        Siem = new SiemClient(transport);
        Audit = new AuditClient(transport);
        Urls = new UrlsClient(transport);
        Senders = new SendersClient(transport);
        Held = new HeldMessagesClient(transport);
        Messages = new MessagesClient(transport);
        Remediation = new RemediationClient(transport);
        Directory = new DirectoryClient(transport);
        Account = new AccountClient(transport);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Gets the engine the sub-clients share (for the SDK's own tests of engine behaviour).</summary>
    internal MimecastTransport Transport { get; }

    /// <inheritdoc />
    public ILoginClient Login { get; }

    /// <inheritdoc />
    public ITtpClient Ttp { get; }

    /// <inheritdoc />
    public ISiemClient Siem { get; }

    /// <inheritdoc />
    public IAuditClient Audit { get; }

    /// <inheritdoc />
    public IUrlsClient Urls { get; }

    /// <inheritdoc />
    public ISendersClient Senders { get; }

    /// <inheritdoc />
    public IHeldMessagesClient Held { get; }

    /// <inheritdoc />
    public IMessagesClient Messages { get; }

    /// <inheritdoc />
    public IRemediationClient Remediation { get; }

    /// <inheritdoc />
    public IDirectoryClient Directory { get; }

    /// <inheritdoc />
    public IAccountClient Account { get; }

    /// <inheritdoc />
    Task<MimecastRawResponse> IMimecastRawCalls.SendRawAsync(MimecastRawRequest request, CancellationToken cancellationToken) =>
        RawCall.SendAsync(Transport, request, cancellationToken);

    /// <summary>Returns the client's name, never its credentials.</summary>
    public override string ToString() => $"MimecastClient({(Name.Length == 0 ? "default" : Name)})";
}

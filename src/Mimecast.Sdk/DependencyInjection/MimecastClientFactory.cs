using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;
using Mimecast.Sdk.Operations;

namespace Mimecast.Sdk.DependencyInjection;

/// <summary>
/// Hands out <see cref="MimecastClient"/> handles. A client is cheap (its name and the shared services) and is not
/// cached: everything per customer (options, authenticator and token, quota bucket, discovered API 1.0 host) lives
/// in the customer's <see cref="MimecastClientContext"/>, which goes with the customer's options snapshot when the
/// customer is removed or reconfigured. Nothing here grows with the number of names ever asked for.
/// </summary>
internal sealed class MimecastClientFactory : IMimecastClientFactory
{
    private readonly MimecastClientContextProvider _contexts;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly MimecastTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly CallPacerRegistry _pacers;

    public MimecastClientFactory(MimecastClientContextProvider contexts, IHttpClientFactory httpClientFactory, MimecastTelemetry telemetry, ILogger logger,
        CallPacerRegistry pacers)
    {
        _pacers = pacers;
        _contexts = contexts;
        _httpClientFactory = httpClientFactory;
        _telemetry = telemetry;
        _logger = logger;
    }

    public IMimecastClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new MimecastClient(name, _contexts, _httpClientFactory, _telemetry, _logger, _pacers);
    }
}

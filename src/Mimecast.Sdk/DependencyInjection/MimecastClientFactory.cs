using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Diagnostics;
using Mimecast.Sdk.Http;

namespace Mimecast.Sdk.DependencyInjection;

/// <summary>Caches one <see cref="MimecastClient"/> per name; the client reads its name's current options on every call.</summary>
internal sealed class MimecastClientFactory : IMimecastClientFactory
{
    private readonly ConcurrentDictionary<string, MimecastClient> _clients = new(StringComparer.Ordinal);
    private readonly MimecastClientContextProvider _contexts;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly MimecastTelemetry _telemetry;
    private readonly ILogger<MimecastClient> _logger;
    private readonly CallPacerRegistry _pacers;

    public MimecastClientFactory(MimecastClientContextProvider contexts, IHttpClientFactory httpClientFactory, MimecastTelemetry telemetry, ILogger<MimecastClient> logger,
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
        return _clients.GetOrAdd(name, static (n, self) => new MimecastClient(n, self._contexts, self._httpClientFactory, self._telemetry, self._logger, self._pacers), this);
    }
}

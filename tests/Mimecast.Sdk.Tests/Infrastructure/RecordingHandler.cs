using System.Collections.Concurrent;

namespace Mimecast.Sdk.Tests.Infrastructure;

/// <summary>One request as it left the SDK (innermost handler): the fake time it left at, its headers and body.</summary>
public sealed record SentRequest(DateTimeOffset At, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>Added innermost on the SDK's HttpClient builder: records every attempt exactly as it is put on the wire.</summary>
public sealed class RecordingHandler(TimeProvider time, ConcurrentQueue<SentRequest> sink, ConcurrentDictionary<string, int> drops) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        sink.Enqueue(new SentRequest(time.GetUtcNow(), path, headers, body));
        if (drops.TryGetValue(path, out var left) && left > 0 && drops.TryUpdate(path, left - 1, left))
        {
            // What SocketsHttpHandler throws when the server closes the connection before answering.
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

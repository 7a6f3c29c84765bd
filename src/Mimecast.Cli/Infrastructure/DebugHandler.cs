using Mimecast.Sdk.Auth;

namespace Mimecast.Cli;

/// <summary>
/// <c>--debug</c>: one stderr line per HTTP attempt with its method, path, status, Mimecast request id and time. Never
/// a header value other than the request id, never a query string or a body, so never a secret.
/// </summary>
internal sealed class DebugHandler(TextWriter error, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long start = time.GetTimestamp();
        string what = $"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)}";
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string id = RequestId(response.Headers) ?? RequestId(request.Headers) ?? "-";
            Write($"debug: {what} -> {(int)response.StatusCode} request-id={id} {time.GetElapsedTime(start).TotalMilliseconds:F0}ms");
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            Write($"debug: {what} -> {ex.GetType().Name} request-id={RequestId(request.Headers) ?? "-"} {time.GetElapsedTime(start).TotalMilliseconds:F0}ms");
            throw;
        }
    }

    private static string? RequestId(System.Net.Http.Headers.HttpHeaders headers) =>
        headers.TryGetValues(MimecastHeaders.RequestId, out IEnumerable<string>? ids) ? ids.FirstOrDefault() : null;

    private void Write(string line)
    {
        lock (error)
        {
            error.WriteLine(line);
        }
    }
}

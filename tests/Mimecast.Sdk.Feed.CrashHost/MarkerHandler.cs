namespace Mimecast.Sdk.Feed.CrashHost;

/// <summary>Prints the <see cref="Markers.Page"/> marker before every TTP log request the client sends.</summary>
internal sealed class MarkerHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath.Contains("/ttp/", StringComparison.Ordinal) == true)
        {
            Markers.Write(Markers.Page);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

using System.Net;

namespace Mimecast.Sdk.Http.Primitives;

/// <summary>What an HTTP status says about resending a request.</summary>
internal static class HttpStatusFacts
{
    /// <summary>Whether <paramref name="status"/> is transient (408 or a 5xx a gateway may answer): worth another attempt when resending is safe.</summary>
    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}

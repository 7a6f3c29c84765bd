using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The simulator's stand-in for the storage host of SIEM batch files: <c>GET /siem-files/{id}.json.gz?expires=…&amp;signature=…</c>,
/// a pre-signed URL (no Mimecast credential, no quota). A gzip NDJSON file (<c>application/gzip</c>, no
/// <c>Content-Encoding</c>); 403 for a bad signature or an expired URL, 400 when an <c>Authorization</c> header is sent.
/// </summary>
internal sealed class SiemFileEndpoint(SiemCore siem, SimulatorResponder responder, SimulatorFaults faults) : ISimulatorEndpointFamily
{
    public IEnumerable<SimulatorRoute> Routes => [new(HttpMethods.Get, SiemWire.FilePrefix, DownloadAsync)];

    private async Task DownloadAsync(Exchange ex)
    {
        HttpRequest request = ex.Http.Request;
        string name = request.Path.Value ?? string.Empty;
        string? id = name.Length > SiemWire.FilePrefix.Length + SiemWire.FileSuffix.Length && name.EndsWith(SiemWire.FileSuffix, StringComparison.Ordinal)
            ? Uri.UnescapeDataString(name[SiemWire.FilePrefix.Length..^SiemWire.FileSuffix.Length])
            : null;
        string? signature = request.Query["signature"];
        bool hasExpiry = long.TryParse(request.Query["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out long expiresMs);
        if (!string.IsNullOrEmpty(request.Headers.Authorization))
        {
            ex.AuthKind = request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? SimulatorAuthKind.Bearer : SimulatorAuthKind.None;
            await ErrorAsync(ex, 400, SimulatorSiemErrorCodes.InvalidArgument, "Only one auth mechanism allowed: a pre-signed URL takes no Authorization header").ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(signature) || !hasExpiry || !SiemWire.Verify(siem.UrlSecret, id, expiresMs, signature))
        {
            await ErrorAsync(ex, 403, SimulatorSiemErrorCodes.AccessDenied, "The request signature does not match").ConfigureAwait(false);
            return;
        }

        SiemFile? file = null;
        lock (siem.Core.Gate)
        {
            foreach (AccountState account in siem.Core.States)
            {
                if (siem.For(account).FilesById.TryGetValue(id, out file))
                {
                    ex.Account = account;
                    break;
                }
            }
        }

        if (siem.Time.GetUtcNow().ToUnixTimeMilliseconds() >= expiresMs)
        {
            await ErrorAsync(ex, 403, SimulatorSiemErrorCodes.AccessDenied, "Request has expired").ConfigureAwait(false);
            return;
        }

        if (file is null)
        {
            await ErrorAsync(ex, 404, SimulatorSiemErrorCodes.NoSuchKey, "The specified key does not exist").ConfigureAwait(false);
            return;
        }

        byte[] body = file.Content.Gzip;
        if (faults.Next(ex.Path, isTtp: false, isFile: true) is { } fault)
        {
            ex.Fault = fault.Fault;
            switch (fault.Fault)
            {
                case SimulatorFault.ExpiredLink:
                    await ErrorAsync(ex, 403, SimulatorSiemErrorCodes.AccessDenied, "Request has expired").ConfigureAwait(false);
                    return;
                case SimulatorFault.TruncatedGzip:
                    body = body[..(body.Length / 2)];
                    break;
                default:
                    body = SiemWire.WithMalformedLine(body, file.Content.Lines / 2);
                    break;
            }
        }

        ex.RecordCount = file.Content.Lines;
        await WriteAsync(ex, 200, body, "application/gzip").ConfigureAwait(false);
    }

    private Task ErrorAsync(Exchange ex, int status, string code, string message)
    {
        ex.ErrorCode = code;
        byte[] body = SiemWire.ErrorBody(code, message);
        return WriteAsync(ex, status, body, SimulatorResponder.JsonContentType);
    }

    private async Task WriteAsync(Exchange ex, int status, byte[] body, string contentType)
    {
        HttpResponse response = ex.Http.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        responder.Journal(ex, status);
        await response.Body.WriteAsync(body, ex.Aborted).ConfigureAwait(false);
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mimecast.Sdk.Benchmarks.Shared;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>
/// A near-zero-cost server for figure 3d: it answers every POST with the same pre-serialized 500-record page (a new
/// <c>next</c> token each time) and the X-RateLimit headers, and checks nothing. With the server's cost gone, the drain
/// time is the client's own, so the SDK-vs-hand-written ratio shows the SDK's overhead undiluted. 127.0.0.1 only.
/// </summary>
internal sealed partial class CannedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CannedServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<CannedServer> StartAsync(int records, int pageSize, CancellationToken cancellationToken)
    {
        var pages = (records + pageSize - 1) / pageSize;
        var page = UrlLogPage.Create(pageSize);
        var dataStart = IndexOf(page, "\"data\":"u8);
        var data = page.AsMemory(dataStart);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            var match = TokenPattern().Match(body);
            var index = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var head = index + 1 < pages
                ? $"{{\"meta\":{{\"status\":200,\"pagination\":{{\"pageSize\":{pageSize},\"next\":\"p{index + 1}\"}}}},"
                : $"{{\"meta\":{{\"status\":200,\"pagination\":{{\"pageSize\":{pageSize}}}}},";
            var headBytes = Encoding.UTF8.GetBytes(head);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = headBytes.Length + data.Length;
            context.Response.Headers["X-RateLimit-Limit"] = "1000000000";
            context.Response.Headers["X-RateLimit-Remaining"] = "999999999";
            context.Response.Headers["X-RateLimit-Reset"] = "60000";
            await context.Response.Body.WriteAsync(headBytes, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync(data, context.RequestAborted).ConfigureAwait(false);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CannedServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    [GeneratedRegex("\"pageToken\"\\s*:\\s*\"p(\\d+)\"")]
    private static partial Regex TokenPattern();
}

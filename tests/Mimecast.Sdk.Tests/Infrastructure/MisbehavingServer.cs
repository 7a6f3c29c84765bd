using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mimecast.Sdk.Tests.Infrastructure;

/// <summary>What the misbehaving server does to the requests of its target path.</summary>
public enum Misbehaviour
{
    /// <summary>Sends the headers (Content-Length 4096) and then nothing, until the client gives up.</summary>
    StallAfterHeaders,

    /// <summary>Announces 4096 bytes, sends half of them and closes the connection.</summary>
    CloseMidBody,

    /// <summary>Reads the request and resets the connection (RST) without answering.</summary>
    Reset,

    /// <summary>An HTML 502 Bad Gateway page, as a proxy in front of Mimecast sends.</summary>
    Html502,

    /// <summary>HTTP 200 with an HTML page (a captive portal or a login page of a proxy).</summary>
    WrongContentType,

    /// <summary>HTTP 200, application/json, binary garbage.</summary>
    Garbage,

    /// <summary>HTTP 200, application/json, no body at all.</summary>
    Empty200,

    /// <summary>HTTP 200, application/json, no Content-Length, an endless stream of bytes (bounded server-side at 256 MB).</summary>
    HugeBody,

    /// <summary>HTTP 200, application/json, announcing 10 GiB and streaming bytes (bounded server-side at 256 MB).</summary>
    HugeDeclared,

    /// <summary>HTTP 200 whose envelope carries a <c>fail</c> entry.</summary>
    Fail200,

    /// <summary>HTTP 200 whose envelope says <c>meta.status</c> 403.</summary>
    Status403In200,
}

/// <summary>
/// A raw HTTP/1.1 server on a real loopback socket (127.0.0.1, port chosen by the OS) that answers one path with a
/// chosen <see cref="Misbehaviour"/> and every other path well (a token, a one-record page, a login result). Every
/// connection is closed after one exchange. Counts what each path received.
/// </summary>
public sealed class MisbehavingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _acceptLoop;

    private int _misbehaviourLeft;

    /// <param name="targetPath">The path that misbehaves.</param>
    /// <param name="behaviour">How.</param>
    /// <param name="times">How many requests to it misbehave; later ones are answered well.</param>
    public MisbehavingServer(string targetPath, Misbehaviour behaviour, int times = int.MaxValue)
    {
        _misbehaviourLeft = times;
        TargetPath = targetPath;
        Behaviour = behaviour;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public string TargetPath { get; }

    public Misbehaviour Behaviour { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Received(string path) => _received.TryGetValue(path, out var n) ? n : 0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll([_acceptLoop, .. _connections]).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        // Bounded by the listener's life: Stop() ends AcceptTcpClientAsync with an exception.
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _connections.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var path = await ReadRequestAsync(stream, _stop.Token);
                if (path is null)
                {
                    return;
                }

                _received.AddOrUpdate(path, 1, static (_, n) => n + 1);
                if (path == TargetPath && Interlocked.Decrement(ref _misbehaviourLeft) >= 0)
                {
                    await MisbehaveAsync(client, stream, _stop.Token);
                }
                else
                {
                    await WriteAsync(stream, 200, "application/json", WellFormed(path), _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (which is what several behaviours provoke) or the server is stopping.
            }
        }
    }

    private async Task MisbehaveAsync(TcpClient client, NetworkStream stream, CancellationToken stop)
    {
        switch (Behaviour)
        {
            case Misbehaviour.StallAfterHeaders:
                await WriteHeadAsync(stream, 200, "application/json", 4096, stop);
                await stream.WriteAsync("{\"meta\":"u8.ToArray(), stop);
                // Hold the connection until the client closes it (a read returns 0) or the server stops.
                _ = await stream.ReadAsync(new byte[1], stop);
                break;
            case Misbehaviour.CloseMidBody:
                await WriteHeadAsync(stream, 200, "application/json", 4096, stop);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"meta\":{\"status\":200},\"data\":[" + new string(' ', 2048 - 32)), stop);
                await stream.FlushAsync(stop);
                break;
            case Misbehaviour.Reset:
                client.LingerState = new LingerOption(true, 0);
                client.Client.Close(0);
                break;
            case Misbehaviour.Html502:
                await WriteAsync(stream, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", stop);
                break;
            case Misbehaviour.WrongContentType:
                await WriteAsync(stream, 200, "text/html", "<!DOCTYPE html><html><body>Please sign in to the proxy</body></html>", stop);
                break;
            case Misbehaviour.Garbage:
                var garbage = new byte[1500];
                new Random(11).NextBytes(garbage);
                await WriteHeadAsync(stream, 200, "application/json", garbage.Length, stop);
                await stream.WriteAsync(garbage, stop);
                break;
            case Misbehaviour.Empty200:
                await WriteHeadAsync(stream, 200, "application/json", 0, stop);
                break;
            case Misbehaviour.HugeBody:
            case Misbehaviour.HugeDeclared:
                await WriteHeadAsync(stream, 200, "application/json", Behaviour == Misbehaviour.HugeDeclared ? 10L << 30 : null, stop);
                var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
                await stream.WriteAsync("{\"meta\":{\"status\":200},\"data\":["u8.ToArray(), stop);
                for (var sent = 0; sent < 4096; sent++)
                {
                    await stream.WriteAsync(chunk, stop);
                }

                break;
            case Misbehaviour.Fail200:
                await WriteAsync(stream, 200, "application/json",
                    """{"meta":{"status":200},"data":[],"fail":[{"key":{},"errors":[{"code":"err_validation_invalid_date","message":"Invalid date","retryable":false}]}]}""", stop);
                break;
            case Misbehaviour.Status403In200:
                await WriteAsync(stream, 200, "application/json", """{"meta":{"status":403},"data":[],"fail":[]}""", stop);
                break;
        }
    }

    private static string WellFormed(string path) => path switch
    {
        "/oauth/token" => """{"access_token":"bearer-token-A","token_type":"Bearer","expires_in":1799,"scope":""}""",
        "/api/login/discover-authentication" =>
            """{"meta":{"status":200},"data":[{"emailAddress":"soc@example.com","authenticate":["cloud"]}],"fail":[]}""",
        "/api/login/login" =>
            """{"meta":{"status":200},"data":[{"accessKey":"ak","secretKey":"c2s=","duration":86400000}],"fail":[]}""",
        _ => Stubs.UrlLogs(0, 1).Replace("clickLogs", Data(path), StringComparison.Ordinal),
    };

    private static string Data(string path) => path switch
    {
        Stubs.AttachmentPath => "attachmentLogs",
        Stubs.ImpersonationPath => "impersonationLogs",
        _ => "clickLogs",
    };

    private static async Task<string?> ReadRequestAsync(NetworkStream stream, CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        int headerEnd;
        // Read until the blank line; a request head larger than the buffer is not something the SDK sends.
        while ((headerEnd = IndexOf(buffer.AsSpan(0, length), "\r\n\r\n"u8)) < 0)
        {
            if (length == buffer.Length)
            {
                return null;
            }

            var n = await stream.ReadAsync(buffer.AsMemory(length), stop);
            if (n == 0)
            {
                return null;
            }

            length += n;
        }

        var head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
        var lines = head.Split("\r\n");
        var path = lines[0].Split(' ')[1];
        var contentLength = lines.Skip(1)
            .Select(static l => l.Split(':', 2))
            .Where(static p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(static p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var bodyRead = length - (headerEnd + 4);
        while (bodyRead < contentLength)
        {
            var n = await stream.ReadAsync(buffer, stop);
            if (n == 0)
            {
                return null;
            }

            bodyRead += n;
        }

        return path;
    }

    private static int IndexOf(ReadOnlySpan<byte> span, ReadOnlySpan<byte> value) => span.IndexOf(value);

    private static async Task WriteHeadAsync(NetworkStream stream, int status, string contentType, long? contentLength, CancellationToken stop)
    {
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status).Append(status == 200 ? " OK" : " Bad Gateway").Append("\r\n")
            .Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Connection: close\r\n");
        if (contentLength is { } n)
        {
            head.Append("Content-Length: ").Append(n).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), stop);
        await stream.FlushAsync(stop);
    }

    private static async Task WriteAsync(NetworkStream stream, int status, string contentType, string body, CancellationToken stop)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await WriteHeadAsync(stream, status, contentType, bytes.Length, stop);
        await stream.WriteAsync(bytes, stop);
        await stream.FlushAsync(stop);
    }
}

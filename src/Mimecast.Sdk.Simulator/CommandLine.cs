using System.Globalization;

namespace Mimecast.Sdk.Simulator;

/// <summary>The parsed command line of <c>mimecast-simulator</c>.</summary>
internal sealed class CommandLine
{
    public int Port { get; private set; } = 5080;

    public string Host { get; private set; } = "127.0.0.1";

    public bool Https { get; private set; }

    public string? CertificatePath { get; private set; }

    public string? KeyPath { get; private set; }

    public Uri? PublicUrl { get; private set; }

    public string? ControlToken { get; private set; }

    public bool ShowHelp { get; private set; }

    public Action<Testing.MimecastSimulatorOptions> Configure { get; private set; } = _ => { };

    public static string Usage => """
        Mimecast API simulator: a fake Mimecast API 1.0/2.0 server for tests, in any language.
        Usage: mimecast-simulator [options]

        Binding
          --port N                  TCP port (default 5080; 0 = any free port)
          --host ADDR               IP address to bind (default 127.0.0.1; 0.0.0.0 for containers)
          --urls URL                one URL to bind, e.g. https://0.0.0.0:5443 (sets scheme, host, port)
          --https                   serve HTTPS with a self-signed certificate generated at start
                                    (its PEM path and SHA-256 fingerprint are printed)
          --certificate PEM         serve HTTPS with this certificate (PEM) ...
          --key PEM                 ... and this private key (PEM)
          --public-url URL          the base URL discover-authentication answers in region.api
                                    (e.g. a TLS front or a published container port)
        Behaviour
          --seed N                  seed of generated records and keys (default 42)
          --rate-limit N[/SECONDS]  per-user quota: N calls per SECONDS (default 1000/60)
          --no-rate-limit           never answer 429
          --token-lifetime SECONDS  API 2.0 access token lifetime (default 1799)
          --binding-lifetime SECONDS API 1.0 binding lifetime (default 259200 = 3 days)
          --url-logs N              initial URL click records (default 250)
          --attachment-logs N       initial attachment records (default 120)
          --impersonation-logs N    initial impersonation records (default 60)
          --page-tokens MODE        position (default: the next page starts after the last record served) or
                                    offset (an offset into the live listing: a record added behind it shifts pages)
        Control API
          --control-token TOKEN     bearer token of the control API (default: a random one, printed at start)
          --help                    this text

        Control API (every call: -H "Authorization: Bearer TOKEN"; bodies are JSON; answers are JSON)
          POST /_simulator/faults                  {"fault":"server_error","count":1,"path":"/api/ttp/url/get-logs"}
                 faults: server_error latency fail_envelope malformed_json html_error_page
                         dropped_connection rate_limited token_expired
                         applied_answer_lost (carried out, then the connection drops)   (no path = any data call)
          POST /_simulator/faults/rates            {"serverError":0.1,"latency":0,"failEnvelope":0,"malformedJson":0,
                                                    "htmlErrorPage":0,"droppedConnection":0,"rateLimited":0,
                                                    "latencyMs":5000,"rateLimitedResetMs":1000}
          POST /_simulator/faults/force-rate-limit {"resetMs":5000}
          POST /_simulator/faults/clear
          POST /_simulator/rate-limit              {"limit":60,"windowSeconds":60,"enabled":true}
          POST /_simulator/lifetimes               {"tokenSeconds":60,"bindingSeconds":300}
          POST /_simulator/page-tokens             {"mode":"offset"}   (or "position")
          POST /_simulator/records/{kind}          {"count":5,"at":"2026-11-20T10:00:00+0000"}   kinds: url, attachment,
                                                    impersonation, audit, siem ("type" required); "ageSeconds":3600
                                                    for late records; "account"; also /siem-batch-files
          POST /_simulator/tokens/expire           {"account":"demo@example.com"}  (no account = every token)
          POST /_simulator/bindings/expire         {"account":"demo@example.com"}  (no account = the first)
          GET  /_simulator/journal[?since=N]
          GET  /_simulator/counters
          POST /_simulator/reset
        """;

    /// <summary>Parses the arguments; returns null and an error for an unknown or invalid one.</summary>
    public static CommandLine? Parse(string[] args, out string? error)
    {
        var line = new CommandLine();
        var configure = new List<Action<Testing.MimecastSimulatorOptions>>();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    line.ShowHelp = true;
                    break;
                case "--port" when TryInt(Value(), out int port) && port is >= 0 and <= 65535:
                    line.Port = port;
                    break;
                case "--host" when Value() is { Length: > 0 } host:
                    line.Host = host;
                    break;
                case "--urls" when TryUrl(Value(), out Uri? url) && url.Port > 0:
                    line.Https = url.Scheme == Uri.UriSchemeHttps;
                    line.Host = url.Host.Trim('[', ']');
                    line.Port = url.Port;
                    break;
                case "--https":
                    line.Https = true;
                    break;
                case "--certificate" when Value() is { Length: > 0 } path:
                    line.CertificatePath = path;
                    line.Https = true;
                    break;
                case "--key" when Value() is { Length: > 0 } path:
                    line.KeyPath = path;
                    break;
                case "--public-url" when TryUrl(Value(), out Uri? url):
                    line.PublicUrl = url;
                    break;
                case "--control-token" when Value() is { Length: >= 8 } token:
                    line.ControlToken = token;
                    break;
                case "--seed" when int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed):
                    configure.Add(o => o.Seed = seed);
                    break;
                case "--rate-limit" when TryParseRate(Value(), out int limit, out TimeSpan window):
                    configure.Add(o =>
                    {
                        o.RateLimit.Limit = limit;
                        o.RateLimit.Window = window;
                    });
                    break;
                case "--no-rate-limit":
                    configure.Add(o => o.RateLimit.Enabled = false);
                    break;
                case "--token-lifetime" when TryInt(Value(), out int seconds) && seconds > 0:
                    configure.Add(o => o.TokenLifetime = TimeSpan.FromSeconds(seconds));
                    break;
                case "--binding-lifetime" when TryInt(Value(), out int seconds) && seconds > 0:
                    configure.Add(o => o.BindingLifetime = TimeSpan.FromSeconds(seconds));
                    break;
                case "--url-logs" when TryInt(Value(), out int n):
                    configure.Add(o => o.InitialUrlLogs = n);
                    break;
                case "--attachment-logs" when TryInt(Value(), out int n):
                    configure.Add(o => o.InitialAttachmentLogs = n);
                    break;
                case "--impersonation-logs" when TryInt(Value(), out int n):
                    configure.Add(o => o.InitialImpersonationLogs = n);
                    break;
                case "--page-tokens" when Enum.TryParse(Value(), ignoreCase: true, out Testing.SimulatorPageTokens mode) && Enum.IsDefined(mode):
                    configure.Add(o => o.PageTokens = mode);
                    break;
                default:
                    error = $"Unknown or invalid argument: {arg}";
                    return null;
            }
        }

        if ((line.CertificatePath is null) != (line.KeyPath is null))
        {
            error = "--certificate and --key go together.";
            return null;
        }

        line.Configure = o => configure.ForEach(c => c(o));
        return line;
    }

    private static bool TryInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryUrl(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static bool TryParseRate(string? text, out int limit, out TimeSpan window)
    {
        // "N/seconds" (e.g. 60/60) or "N" (per minute).
        limit = 0;
        window = TimeSpan.FromMinutes(1);
        if (text is null)
        {
            return false;
        }

        string[] parts = text.Split('/');
        if (!TryInt(parts[0], out limit) || limit < 1)
        {
            return false;
        }

        if (parts.Length == 1)
        {
            return true;
        }

        if (parts.Length == 2 && double.TryParse(parts[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) && seconds > 0)
        {
            window = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return false;
    }
}

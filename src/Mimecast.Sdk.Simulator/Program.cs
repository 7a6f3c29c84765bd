using System.Globalization;
using System.Runtime.InteropServices;
using Mimecast.Sdk.Testing;

// Standalone Mimecast API simulator: binds 127.0.0.1 only and runs until Ctrl+C.
var options = new MimecastSimulatorOptions { Port = 5080 };
for (int i = 0; i < args.Length; i++)
{
    string arg = args[i];
    string? Value() => i + 1 < args.Length ? args[++i] : null;
    switch (arg)
    {
        case "--help" or "-h":
            PrintUsage();
            return 0;
        case "--port" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 0 and <= 65535:
            options.Port = port;
            break;
        case "--seed" when int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed):
            options.Seed = seed;
            break;
        case "--rate-limit" when TryParseRate(Value(), out int limit, out TimeSpan window):
            options.RateLimit.Limit = limit;
            options.RateLimit.Window = window;
            break;
        case "--no-rate-limit":
            options.RateLimit.Enabled = false;
            break;
        case "--url-logs" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n):
            options.InitialUrlLogs = n;
            break;
        case "--attachment-logs" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n):
            options.InitialAttachmentLogs = n;
            break;
        case "--impersonation-logs" when int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n):
            options.InitialImpersonationLogs = n;
            break;
        default:
            Console.Error.WriteLine($"Unknown or invalid argument: {arg}");
            PrintUsage();
            return 2;
    }
}

await using MimecastSimulator simulator = await MimecastSimulator.StartAsync(options);
SimulatorAccount demo = simulator.Accounts[0];
Console.WriteLine($"Mimecast API simulator listening on {simulator.BaseUrl}");
Console.WriteLine($"  API base URL (1.0 and 2.0): {simulator.BaseUrl.ToString().TrimEnd('/')}");
Console.WriteLine($"  rate limit: {(options.RateLimit.Enabled ? $"{options.RateLimit.Limit} calls per {options.RateLimit.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s per user" : "off")}, seed {options.Seed}");
Console.WriteLine("Demo credentials (simulator only, never valid against Mimecast):");
Console.WriteLine($"  email            {demo.EmailAddress}");
Console.WriteLine($"  cloud password   {demo.CloudPassword}");
Console.WriteLine($"  domain password  {demo.DomainPassword}");
Console.WriteLine($"  app id           {demo.AppId}");
Console.WriteLine($"  app key          {demo.AppKey}");
Console.WriteLine($"  access key       {demo.AccessKey}");
Console.WriteLine($"  secret key       {demo.SecretKey}");
Console.WriteLine($"  client id        {demo.ClientId}");
Console.WriteLine($"  client secret    {demo.ClientSecret}");
Console.WriteLine("Press Ctrl+C to stop.");

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
await stop.Task;
Console.WriteLine($"Stopping; {simulator.Journal.Entries.Count} request(s) served.");
return 0;

static bool TryParseRate(string? text, out int limit, out TimeSpan window)
{
    // "N/seconds" (e.g. 60/60) or "N" (per minute).
    limit = 0;
    window = TimeSpan.FromMinutes(1);
    if (text is null)
    {
        return false;
    }

    string[] parts = text.Split('/');
    if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
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

static void PrintUsage() => Console.WriteLine("""
    Mimecast API simulator (binds 127.0.0.1 only)
    Usage: Mimecast.Sdk.Simulator [options]
      --port N                  TCP port (default 5080; 0 = any free port)
      --seed N                  seed of generated records and keys (default 42)
      --rate-limit N[/SECONDS]  per-user quota: N calls per SECONDS (default 1000/60)
      --no-rate-limit           never answer 429
      --url-logs N              initial URL click records (default 250)
      --attachment-logs N       initial attachment records (default 120)
      --impersonation-logs N    initial impersonation records (default 60)
      --help                    this text
    """);

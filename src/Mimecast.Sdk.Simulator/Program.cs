using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mimecast.Sdk.Simulator;
using Mimecast.Sdk.Testing;

// Standalone Mimecast API simulator (the mimecast-simulator tool): runs until Ctrl+C or SIGTERM.
CommandLine? line = CommandLine.Parse(args, out string? error);
if (line is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine("Run mimecast-simulator --help for the options.");
    return 2;
}

if (line.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

string controlToken = line.ControlToken ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
var options = new MimecastSimulatorOptions
{
    Port = line.Port,
    Host = line.Host,
    PublicBaseUrl = line.PublicUrl,
    ControlToken = controlToken,
};
line.Configure(options);

string? certificatePem = null;
string? generatedFolder = null;
X509Certificate2? certificate = null;
try
{
    if (line.CertificatePath is not null)
    {
        certificate = TlsCertificates.Load(line.CertificatePath, line.KeyPath!);
        certificatePem = Path.GetFullPath(line.CertificatePath);
    }
    else if (line.Https)
    {
        (certificate, certificatePem) = TlsCertificates.Generate([line.Host, line.PublicUrl?.Host ?? "localhost"]);
        generatedFolder = Path.GetDirectoryName(certificatePem);
    }
}
catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Cannot load the certificate: {e.Message}");
    return 2;
}

options.Certificate = certificate;
await using MimecastSimulator simulator = await MimecastSimulator.StartAsync(options);
SimulatorAccount demo = simulator.Accounts[0];
string baseUrl = simulator.BaseUrl.ToString().TrimEnd('/');
Console.WriteLine($"Mimecast API simulator listening on {simulator.BaseUrl} (bound to {options.Host})");
Console.WriteLine($"  API base URL (1.0 and 2.0): {baseUrl}");
Console.WriteLine($"  discover region.api:        {(options.PublicBaseUrl?.ToString() ?? baseUrl).TrimEnd('/')}");
if (certificate is not null)
{
    Console.WriteLine($"  TLS certificate (PEM):      {certificatePem}");
    Console.WriteLine($"  TLS SHA-256 fingerprint:    {TlsCertificates.Sha256Fingerprint(certificate)}");
}

Console.WriteLine($"  rate limit: {(options.RateLimit.Enabled ? $"{options.RateLimit.Limit} calls per {options.RateLimit.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s per user" : "off")}, seed {options.Seed}");
Console.WriteLine($"  lifetimes: token {options.TokenLifetime.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, binding {options.BindingLifetime.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
Console.WriteLine($"Control API: {baseUrl}/_simulator/… with Authorization: Bearer {controlToken}   (see --help)");
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
certificate?.Dispose();
if (generatedFolder is not null)
{
    // The generated certificate lives as long as this process.
    Directory.Delete(generatedFolder, recursive: true);
}

return 0;

/// <summary>The tool's entry point (internal: a tool has no public API).</summary>
internal sealed partial class Program;

// Native AOT smoke test: starts the embedded Mimecast simulator, then discovers, logs in and reads one page of each
// TTP log kind over API 1.0 (signed with the binding the login returned) and one page over API 2.0.
// Publish and run: .ci/aot-check.sh
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;

var stopwatch = Stopwatch.StartNew();
await using var simulator = await MimecastSimulator.StartAsync();

// The API 1.0 binding is not known until the login below; the "api1" client's options are built on its first use.
MimecastAccessKey? binding = null;
Uri? regionalHost = null;

var services = new ServiceCollection();
services.AddMimecastClient("login", options =>
{
    options.BaseUrl = simulator.BaseUrl;
    options.DiscoveryUrl = simulator.BaseUrl;
    options.Api1 = new MimecastApi1Options { AppId = MimecastSimulatorDefaults.AppId, AppKey = MimecastSimulatorDefaults.AppKey };
});
services.AddMimecastClient("api1", options =>
{
    options.BaseUrl = regionalHost ?? simulator.BaseUrl;
    options.Api1 = (binding ?? throw new InvalidOperationException("Log in first.")).ToApi1Options(MimecastSimulatorDefaults.AppId, MimecastSimulatorDefaults.AppKey);
});
services.AddMimecastClient("api2", options =>
{
    options.BaseUrl = simulator.BaseUrl;
    options.Api2 = new MimecastApi2Options { ClientId = MimecastSimulatorDefaults.ClientId, ClientSecret = MimecastSimulatorDefaults.ClientSecret };
});

await using var provider = services.BuildServiceProvider();
var clients = provider.GetRequiredService<IMimecastClientFactory>();
var login = clients.CreateClient("login");

var discovery = await login.Login.DiscoverAuthenticationAsync(MimecastSimulatorDefaults.EmailAddress);
regionalHost = discovery.RegionalBaseUrl;
Console.WriteLine($"discover: {discovery.EmailAddress} may use [{string.Join(", ", discovery.Authenticate ?? [])}] at {regionalHost?.ToString() ?? "(no region)"}");

binding = await login.Login.LoginAsync(new MimecastUserCredentials(MimecastSimulatorDefaults.EmailAddress, MimecastSimulatorDefaults.CloudPassword));
Console.WriteLine($"login: {binding}");

var api1 = clients.CreateClient("api1");
var urls = await api1.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5 }, null);
var attachments = await api1.Ttp.GetAttachmentLogsPageAsync(new TtpAttachmentLogQuery { PageSize = 5 }, null);
var impersonations = await api1.Ttp.GetImpersonationLogsPageAsync(new TtpImpersonationLogQuery { PageSize = 5 }, null);
Console.WriteLine($"api 1.0: {urls.Items.Count} URL, {attachments.Items.Count} attachment, {impersonations.Items.Count} impersonation log(s); quota left {urls.RateLimit?.Remaining}");
if (urls.Items.Count > 0)
{
    var first = urls.Items[0];
    Console.WriteLine($"  first URL click: {first.Date:u} {first.UserEmailAddress} {first.ScanResult}");
}

var api2 = clients.CreateClient("api2");
var urls2 = await api2.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery { PageSize = 5, OldestFirst = true }, null);
Console.WriteLine($"api 2.0: {urls2.Items.Count} URL log(s), next page: {(urls2.HasMore ? "yes" : "no")}, tokens issued {simulator.TokensIssued}");

var ok = discovery.Authenticate is { Count: > 0 } && !string.IsNullOrEmpty(binding.AccessKey)
    && urls.Items.Count > 0 && attachments.Items.Count > 0 && impersonations.Items.Count > 0 && urls2.Items.Count > 0;
Console.WriteLine(ok ? $"AOT sample: OK in {stopwatch.ElapsedMilliseconds} ms" : "AOT sample: FAILED");
return ok ? 0 : 1;

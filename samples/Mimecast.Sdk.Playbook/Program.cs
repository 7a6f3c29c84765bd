// Mimecast.Sdk playbook sample: what a SOAR platform does after a URL-click alert, end to end, against the embedded
// simulator (127.0.0.1, a free port; nothing leaves the machine):
//
//   dotnet run --project samples/Mimecast.Sdk.Playbook [-- --api 1]
//
//   1. take a URL-click alert from the incident feed          (Mimecast.Sdk.Feed)
//   2. decode the rewritten link                               (client.Urls, when available)
//   3. block the URL                                           (client.Urls, when available)
//   4. find every recipient of the message                     (client.Messages, when available; here: the feed's clicks)
//   5. remediate: pull the message from every mailbox          client.Remediation.CreateIncidentAsync
//   6. block the sender                                        client.Directory (the "Blocked Senders" group)
//                                                              (client.Senders, when available)
//   7. release false positives from the held queue             (client.Held, when available)
//
// Every write is safe to run unattended: the remediation is never sent twice (a lost answer is checked with
// find-incidents), the group add reports "already a member" as done.
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Playbook;
using Mimecast.Sdk.Testing;

var generation = args.SkipWhile(a => a != "--api").Skip(1).FirstOrDefault() == "1" ? MimecastApiGeneration.Api1 : MimecastApiGeneration.Api2;
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

await using var simulator = await MimecastSimulator.StartAsync(new MimecastSimulatorOptions { Seed = MimecastSimulatorDefaults.Seed, InitialUrlLogs = 40, InitialAttachmentLogs = 10 }, cancel.Token);
Console.WriteLine($"Embedded simulator at {simulator.BaseUrl}, API {(generation == MimecastApiGeneration.Api1 ? "1.0" : "2.0")} (the simulator's published demo credentials).");

var services = new ServiceCollection();
services.AddMimecastClient(o => SimulatorClient.Configure(o, simulator.BaseUrl, generation));
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IMimecastClient>();

try
{
    await UrlClickPlaybook.RunAsync(client, cancel.Token); // prints each step as it goes
    return 0;
}
catch (MimecastApiException e)
{
    // The SDK's messages never contain a key, token, password or body: safe to print.
    Console.Error.WriteLine($"Mimecast call failed: {e.Message}");
    return 1;
}

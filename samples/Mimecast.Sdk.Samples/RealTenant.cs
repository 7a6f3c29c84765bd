using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Samples;

/// <summary>
/// The same scenarios against a real tenant, configured by the "Mimecast" section (MimecastClientOptions) and the
/// optional "Samples" section:
///   Samples:EmailAddress   run discover-authentication for this user
///   Samples:Password       with Mimecast:Api1:AccessKey, extend that binding (refresh); the cloud password
///   Samples:Login=true     also log in (creates a NEW binding: Mimecast limits bindings per user)
///   Samples:Days           how far back to read the TTP logs (default 1)
///   Samples:MaxRecords     stop each log stream after this many records (default 50)
/// </summary>
internal static class RealTenant
{
    public static async Task<int> RunAsync(IConfigurationSection mimecast, IConfigurationSection samples, CancellationToken cancellationToken)
    {
        var wire = new WireStats();
        var services = new ServiceCollection();
        services.AddMimecastClient(mimecast).AddHttpMessageHandler(() => new WireLog(wire));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IMimecastClient>();

        var generation = string.IsNullOrEmpty(mimecast["Api2:ClientId"]) ? "1.0" : "2.0";
        Console.WriteLine($"Using the configured tenant {mimecast["BaseUrl"] ?? "(default API 2.0 host)"} with API {generation}.");
        var summary = new Summary();
        async Task Run<T>(string operation, Func<Task<T>> scenario, Func<T, string> describe)
        {
            Console.WriteLine($"\n== {operation} (API {generation})");
            var (requests, tooMany, held) = (wire.Requests, wire.TooManyRequests, wire.Held);
            var result = await scenario();
            summary.Add(operation, generation, describe(result), wire.Requests - requests, $"{wire.TooManyRequests - tooMany} (seen by client)", "n/a", wire.Held - held);
        }

        var email = samples["EmailAddress"];
        var password = samples["Password"];
        if (!string.IsNullOrWhiteSpace(email))
        {
            await Run("discover-authentication", () => Scenarios.DiscoverAsync(client, email, cancellationToken), r => r);
            if (!string.IsNullOrEmpty(password))
            {
                var credentials = new MimecastUserCredentials(email, password);
                if (samples.GetValue<bool>("Login"))
                {
                    await Run("login (cloud password)", () => Scenarios.LoginAsync(client, credentials, cancellationToken), _ => "new binding");
                }

                if (mimecast["Api1:AccessKey"] is { Length: > 0 } accessKey)
                {
                    await Run("refresh", () => Scenarios.RefreshAsync(client, credentials, accessKey, cancellationToken), b => b.AccessKey == accessKey ? "same key extended" : "NEW KEY");
                }
            }
        }
        else
        {
            Console.WriteLine("(set Samples:EmailAddress to run discover-authentication, and Samples:Password to refresh the binding)");
        }

        var from = DateTimeOffset.UtcNow.AddDays(-samples.GetValue("Days", 1));
        var max = samples.GetValue("MaxRecords", 50);
        await Run("TTP URL logs", () => Scenarios.UrlClicksAsync(client, new TtpUrlLogQuery { From = from, PageSize = 25 }, max, cancellationToken), n => $"{n} records");
        await Run("TTP attachment logs", () => Scenarios.AttachmentsAsync(client, new TtpAttachmentLogQuery { From = from, PageSize = 25, OldestFirst = true }, max, cancellationToken), n => $"{n} records");
        await Run("TTP impersonation logs", () => Scenarios.ImpersonationAsync(client, new TtpImpersonationLogQuery { From = from, PageSize = 25 }, max, cancellationToken), n => $"{n} records");
        summary.Print();
        return 0;
    }
}

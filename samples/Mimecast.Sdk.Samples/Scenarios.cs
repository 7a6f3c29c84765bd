using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Samples;

/// <summary>One method per scenario: each is what you would copy into your own code.</summary>
internal static class Scenarios
{
    /// <summary>Which authentication types a user has, and which regional API 1.0 host serves the account.</summary>
    public static async Task<string> DiscoverAsync(IMimecastClient client, string emailAddress, CancellationToken cancellationToken)
    {
        MimecastAuthenticationInfo info = await client.Login.DiscoverAuthenticationAsync(emailAddress, cancellationToken);
        Console.WriteLine($"  {info.EmailAddress}: authenticate with [{string.Join(", ", info.Authenticate ?? [])}], regional host {info.RegionalBaseUrl}");
        return $"{info.Authenticate?.Count ?? 0} auth types, host {info.RegionalBaseUrl?.Authority}";
    }

    /// <summary>Logs in with the cloud password (a new access/secret key binding).</summary>
    public static async Task<MimecastAccessKey> LoginAsync(IMimecastClient client, MimecastUserCredentials credentials, CancellationToken cancellationToken)
    {
        MimecastAccessKey binding = await client.Login.LoginAsync(credentials, cancellationToken);

        // The access key and secret key are secrets: store them (e.g. in a vault), never print them.
        Console.WriteLine($"  new binding for {binding.Username} ({binding.BindingType}), valid for {binding.Lifetime}");
        return binding;
    }

    /// <summary>Extends an existing binding in place (Mimecast limits bindings per user: refresh, don't log in again).</summary>
    public static async Task<MimecastAccessKey> RefreshAsync(IMimecastClient client, MimecastUserCredentials credentials, string accessKey, CancellationToken cancellationToken)
    {
        MimecastAccessKey binding = await client.Login.RefreshTokenAsync(credentials, accessKey, cancellationToken);
        Console.WriteLine($"  binding extended: same key = {binding.AccessKey == accessKey}, valid for {binding.Lifetime}");
        return binding;
    }

    /// <summary>Streams URL click logs; the SDK fetches the next page as you consume, and waits for the quota when needed.</summary>
    public static async Task<int> UrlClicksAsync(IMimecastClient client, TtpUrlLogQuery query, int maxRecords, CancellationToken cancellationToken)
    {
        var count = 0;
        var malicious = 0;
        await foreach (TtpUrlLog click in client.Ttp.GetUrlLogsAsync(query, cancellationToken))
        {
            malicious += click.ScanResult == "malicious" ? 1 : 0;
            if (++count >= maxRecords)
            {
                break;
            }
        }

        Console.WriteLine($"  {count} URL clicks, {malicious} malicious");
        return count;
    }

    /// <summary>Streams attachment logs, oldest first (what a feed does).</summary>
    public static async Task<int> AttachmentsAsync(IMimecastClient client, TtpAttachmentLogQuery query, int maxRecords, CancellationToken cancellationToken)
    {
        var count = 0;
        TtpAttachmentLog? last = null;
        await foreach (TtpAttachmentLog log in client.Ttp.GetAttachmentLogsAsync(query, cancellationToken))
        {
            last = log;
            if (++count >= maxRecords)
            {
                break;
            }
        }

        Console.WriteLine($"  {count} attachment scans; latest {last?.Date:u}: {last?.FileName} → {last?.Result}");
        return count;
    }

    /// <summary>Streams impersonation logs.</summary>
    public static async Task<int> ImpersonationAsync(IMimecastClient client, TtpImpersonationLogQuery query, int maxRecords, CancellationToken cancellationToken)
    {
        var count = 0;
        var tagged = 0;
        await foreach (TtpImpersonationLog log in client.Ttp.GetImpersonationLogsAsync(query, cancellationToken))
        {
            tagged += log.TaggedMalicious == true ? 1 : 0;
            if (++count >= maxRecords)
            {
                break;
            }
        }

        Console.WriteLine($"  {count} impersonation attempts, {tagged} tagged malicious");
        return count;
    }
}

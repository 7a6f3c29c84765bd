using System.Text;
using Mimecast.Sdk.Feed;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Playbook;

/// <summary>The playbook: one URL-click alert taken through containment, each step one SDK call.</summary>
internal static class UrlClickPlaybook
{
    public static async Task<string> RunAsync(IMimecastClient client, CancellationToken cancellationToken)
    {
        var log = new StringBuilder();
        void Step(string text)
        {
            Console.WriteLine(text);
            log.AppendLine(text);
        }

        var account = await client.Account.GetAsync(cancellationToken);
        Step($"Connected to {account.AccountName} ({account.Region}, {account.UserCount} users).");

        // 1. The alert: the first malicious URL click the feed delivers (checkpoints in a throw-away directory).
        var checkpoints = Path.Combine(Path.GetTempPath(), "mimecast-playbook-" + Guid.NewGuid().ToString("N"));
        var feed = new MimecastIncidentFeed(client, new FileCheckpointStore(checkpoints), new MimecastIncidentFeedOptions { Kinds = TtpEventKinds.Url, InitialLookback = TimeSpan.FromDays(7) });
        var batch = await feed.PollAsync(cancellationToken);
        var clicks = batch.Events.Select(e => e.UrlLog).OfType<TtpUrlLog>().ToList();
        var alert = clicks.FirstOrDefault(c => string.Equals(c.ScanResult, "malicious", StringComparison.OrdinalIgnoreCase)) ?? clicks.FirstOrDefault();
        await batch.CommitAsync(cancellationToken);
        Directory.Delete(checkpoints, recursive: true);
        if (alert?.Url is not { } url)
        {
            Step("No URL click in the feed: nothing to do.");
            return log.ToString();
        }

        var caseId = "PB-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(alert.MessageId ?? url)))[..8];
        Step($"1. Alert {caseId}: {alert.UserEmailAddress} clicked {url} ({alert.ScanResult}) in a message from {alert.FromUserEmailAddress}.");

        // 2-3. Decode and block the URL: client.Urls (another family) — wired by the integrator when merged.
        Step("2-3. Decode and block the URL: client.Urls (not in this build).");

        // 4. Every recipient: client.Messages (message finder) when merged; here the recipients who clicked it.
        var recipients = clicks.Where(c => c.Url == url).Select(c => c.UserEmailAddress).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Step($"4. Recipients who clicked it: {string.Join(", ", recipients)}.");

        // 5. Remediate: pull every message carrying the URL from every mailbox. Never sent twice; the reason names the case.
        try
        {
            var incident = await client.Remediation.CreateIncidentAsync(RemediationRequest.ByUrl(url, $"Playbook {caseId}: malicious URL click"), cancellationToken);
            Step($"5. Remediation incident {incident.Code}: {incident.Identified} identified, {incident.Successful} removed.");
        }
        catch (MimecastOutcomeUnknownException e)
        {
            Step($"5. Remediation outcome unknown: {e.WhatToCheck}");
        }

        // 6. Block the sender: add it to the "Blocked Senders" profile group (client.Senders.BlockAsync when merged).
        if (alert.FromUserEmailAddress is { } sender)
        {
            await foreach (var group in client.Directory.FindGroupsAsync(new DirectoryGroupQuery { Query = "Blocked Senders" }, cancellationToken))
            {
                var added = await client.Directory.AddMembersAsync([GroupMembership.ForEmailAddress(group.Id!, sender, $"Playbook {caseId}")], cancellationToken);
                Step($"6. {sender} in group '{group.Description}': {added.EnsureSuccess().Items[0].Result!.Outcome}.");
            }
        }

        // 7. Release false positives from the held queue: client.Held (another family) — wired by the integrator when merged.
        Step("7. Release held false positives: client.Held (not in this build).");
        return log.ToString();
    }
}

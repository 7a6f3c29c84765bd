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

        // 2. Decode: a rewritten link (protect-xx.mimecast.com/…) becomes the original; a link Mimecast does not
        // recognise as rewritten is failed per item (a result, not an exception) and used as it is.
        var decoded = await client.Urls.DecodeAsync([url], cancellationToken);
        var original = decoded.Items[0].Result?.Url is { Length: > 0 } d ? d : url;
        Step($"2. Decoded: {original}{(decoded.Items[0].Error is { } notDecoded ? $" (not a rewritten link: {notDecoded.Code})" : string.Empty)}.");

        // 3. Block the URL on the managed list. Never sent twice; a lost answer is checked with a read.
        var blocked = await client.Urls.CreateManagedUrlAsync(new ManagedUrlRequest { Url = original, Action = ManagedUrlActions.Block, Comment = $"Playbook {caseId}" }, cancellationToken);
        Step($"3. Managed URL block: {blocked.Outcome}.");

        // 4. Every recipient of the message (message finder), not only those who clicked.
        var recipients = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        if (alert.MessageId is { Length: > 0 } messageId)
        {
            var tracked = await client.Messages.SearchAsync(new MessageSearchQuery
            {
                MessageId = messageId,
                SearchReason = $"Playbook {caseId}",
                Start = alert.Date?.AddDays(-1),
                End = alert.Date?.AddDays(1),
            }, cancellationToken);
            foreach (var address in tracked.SelectMany(t => t.To ?? []).Select(t => t.EmailAddress).OfType<string>())
            {
                recipients.Add(address);
            }
        }

        recipients.UnionWith(clicks.Where(c => c.Url == url).Select(c => c.UserEmailAddress).OfType<string>());
        Step($"4. Recipients: {string.Join(", ", recipients)}.");

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

        // 6. Block the sender for every recipient (an upsert per sender and recipient, safe to repeat), and add it to the
        // "Blocked Senders" profile group that backs the organisation's blocked-senders policy.
        if (alert.FromUserEmailAddress is { } sender)
        {
            var managed = await client.Senders.BlockAsync(recipients.Select(r => new ManagedSenderEntry(sender, r)), cancellationToken);
            Step($"6. {sender} blocked for {managed.Succeeded.Count} recipient(s){(managed.Failed.Count > 0 ? $", {managed.Failed.Count} failed" : string.Empty)}.");

            await foreach (var group in client.Directory.FindGroupsAsync(new DirectoryGroupQuery { Query = "Blocked Senders" }, cancellationToken))
            {
                var added = await client.Directory.AddMembersAsync([GroupMembership.ForEmailAddress(group.Id!, sender, $"Playbook {caseId}")], cancellationToken);
                Step($"6. {sender} in group '{group.Description}': {added.EnsureSuccess().Items[0].Result!.Outcome}.");
            }
        }

        // 7. Release false positives: held messages a reviewer judges safe (here a stand-in rule: not from the alert's
        // sender, no attachment, at most three). Release is never resent after it may have reached Mimecast; a lost
        // answer is checked in the held queue.
        var falsePositives = new List<string>();
        await foreach (var held in client.Held.GetHeldMessagesAsync(new HeldMessageQuery { Admin = true, Start = DateTimeOffset.UtcNow.AddDays(-7), End = DateTimeOffset.UtcNow }, cancellationToken))
        {
            if (falsePositives.Count < 3 && held.Id is { } id && held.HasAttachments != true
                && !string.Equals(held.From?.EmailAddress, alert.FromUserEmailAddress, StringComparison.OrdinalIgnoreCase))
            {
                falsePositives.Add(id);
            }
        }

        var released = await client.Held.ReleaseAsync(falsePositives, cancellationToken);
        Step($"7. Released {released.Succeeded.Count} of {falsePositives.Count} held false positive(s){(released.Failed.Count > 0 ? $"; {released.Failed.Count} failed" : string.Empty)}.");
        return log.ToString();
    }
}

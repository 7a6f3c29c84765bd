using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public static class ResponseActionsHeld
{
    public static async Task ReleaseFalsePositivesAsync(IMimecastClient client, CancellationToken cancellationToken)
    {
        #region snippet: actions-held-code
        // Admin view (the default): every user's held mail. Admin = false lists only the API user's own.
        var query = new HeldMessageQuery { SearchField = HeldSearchField.Sender, SearchValue = "billing@partner.example", Start = DateTimeOffset.UtcNow.AddDays(-2) };
        var ids = new List<string>();
        await foreach (var message in client.Held.GetHeldMessagesAsync(query, cancellationToken))
        {
            ids.Add(message.Id!);
        }

        var released = await client.Held.ReleaseAsync(ids, cancellationToken); // 25 ids per call, one result per id
        foreach (var item in released.Failed)
        {
            Console.WriteLine($"{item.Item}: {item.Status} {item.Error}"); // held_release_false, a fail code, or OutcomeUnknown
        }

        var rejected = await client.Held.RejectAsync(["eNo-held-id"],
            new HeldRejectOptions { ReasonType = HeldRejectReasons.AgainstEmailPolicies, Message = "Rejected by the SOC", Notify = false }, cancellationToken);
        rejected.EnsureSuccess(); // all-or-nothing: throws MimecastBulkException on any failed or unknown item
        #endregion
    }

    public static async Task FindRecipientsAsync(IMimecastClient client, CancellationToken cancellationToken)
    {
        #region snippet: actions-messages-code
        // By Internet Message-ID, or by advanced options: never both (ArgumentException before anything is sent).
        var tracked = await client.Messages.SearchAsync(
            new MessageSearchQuery { MessageId = "<abc123@mail.example.net>", SearchReason = "Incident 4711" }, cancellationToken);
        foreach (var email in tracked)
        {
            var info = await client.Messages.GetMessageInfoAsync(email.Id!, cancellationToken);
            foreach (var (recipient, delivery) in info.DeliveredMessage ?? new Dictionary<string, DeliveredMessageInfo>())
            {
                Console.WriteLine($"{email.Status}: delivered to {recipient}");
            }
        }
        #endregion
    }
}

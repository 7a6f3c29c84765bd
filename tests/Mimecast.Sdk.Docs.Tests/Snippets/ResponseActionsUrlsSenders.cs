using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public static class ResponseActionsUrlsSenders
{
    public static async Task UrlsAsync(IMimecastClient client, IReadOnlyList<string> rewrittenLinks, CancellationToken cancellationToken)
    {
        #region snippet: actions-urls
        var decoded = await client.Urls.DecodeAsync(rewrittenLinks, cancellationToken); // any number: 25 per call
        foreach (var item in decoded.Succeeded)
        {
            var created = await client.Urls.CreateManagedUrlAsync(
                new ManagedUrlRequest { Url = item.Result!.Url, Action = ManagedUrlActions.Block, Comment = "SOAR case 1234" }, cancellationToken);
            Console.WriteLine($"{item.Result.Url}: {created.Outcome}"); // Created, AlreadyExists, Conflict, CreatedVerified or NotCreated
        }
        foreach (var failed in decoded.Failed)
        {
            Console.WriteLine($"{failed.Item}: {failed.Status} {failed.Error}"); // e.g. url_not_decoded
        }
        #endregion
    }

    public static async Task SendersAsync(IMimecastClient client, string attacker, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        #region snippet: actions-senders
        // Per recipient (any number: 100 per call); an upsert, safe to repeat.
        var blocked = await client.Senders.BlockAsync(recipients.Select(r => new ManagedSenderEntry(attacker, r)), cancellationToken);
        blocked.EnsureSuccess(); // throws MimecastBulkException unless every entry succeeded

        // Organisation-wide: a blocked-sender policy (never sent twice; "everyone" + block is refused unless allowed).
        var policy = await client.Senders.CreatePolicyAsync(new BlockedSenderPolicyRequest
        {
            Description = $"SOAR case 1234: block {attacker}", // unique: used to check a lost answer
            Option = BlockedSenderPolicyOptions.BlockSender,
            FromType = PolicyPartyTypes.IndividualEmailAddress,
            FromValue = attacker,
            ToType = PolicyPartyTypes.Everyone,
        }, cancellationToken);

        // Update replaces the whole policy at Mimecast: the SDK reads it and sends it back with only your change.
        await client.Senders.UpdatePolicyAsync(policy.Policy!.Id!, p => p.FromPart = "both", cancellationToken);
        #endregion
    }
}

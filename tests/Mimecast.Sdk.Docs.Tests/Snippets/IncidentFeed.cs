using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Feed;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public static class IncidentFeed
{
    public static async Task<int> PollOnceAsync(IMimecastClient client, string checkpointDirectory, CancellationToken cancellationToken)
    {
        #region snippet: feed-poll
        var feed = new MimecastIncidentFeed(
            client,
            new FileCheckpointStore(checkpointDirectory),
            new MimecastIncidentFeedOptions { Kinds = TtpEventKinds.All, InitialLookback = TimeSpan.FromHours(24) });

        var batch = await feed.PollAsync(cancellationToken);
        foreach (var incident in batch.Events)
        {
            var summary = incident switch
            {
                { UrlLog: { } url } => $"{url.UserEmailAddress} clicked {url.Url} ({url.ScanResult})",
                { AttachmentLog: { } file } => $"{file.RecipientAddress} received {file.FileName} ({file.Result})",
                { ImpersonationLog: { } imp } => $"{imp.SenderAddress} impersonated someone towards {imp.RecipientAddress}",
                _ => $"{incident.Kind} event", // audit and SIEM kinds, when selected (see "Feed kinds")
            };
            Console.WriteLine($"{incident.Time:u} [{incident.Id}] {summary}");
        }

        await batch.CommitAsync(cancellationToken); // only now does the checkpoint move past these events
        #endregion
        return batch.Events.Count;
    }

    public static async Task RunAsync(MimecastIncidentFeed feed, Func<IReadOnlyList<MimecastFeedEvent>, CancellationToken, Task> sendToSiemAsync,
        CancellationToken cancellationToken)
    {
        #region snippet: feed-run
        // Polls every PollInterval (at once while a batch reports HasMore) until cancelled.
        await foreach (var batch in feed.RunAsync(cancellationToken))
        {
            await sendToSiemAsync(batch.Events, cancellationToken); // throw to get the same events again
            await batch.CommitAsync(cancellationToken);
        }
        #endregion
    }

    public static MimecastIncidentFeed Register(IServiceCollection services, MimecastApi2Options credentials)
    {
        #region snippet: feed-di
        services.AddMimecastClient(options => options.Api2 = credentials);
        services.AddMimecastFileCheckpointStore("checkpoints");   // required: the feed has no in-memory default
        services.AddMimecastIncidentFeed(options =>
        {
            options.Kinds = TtpEventKinds.Url | TtpEventKinds.Impersonation;
            options.PollInterval = TimeSpan.FromMinutes(5);
            options.MaxEventsPerPoll = 2000;
        });

        // In a BackgroundService, inject MimecastIncidentFeed:
        var feed = services.BuildServiceProvider().GetRequiredService<MimecastIncidentFeed>();
        #endregion
        return feed;
    }

    public static async Task MultiAsync(IMimecastClientFactory clients, CancellationToken cancellationToken)
    {
        #region snippet: feed-multi
        // One client per customer, registered with services.AddMimecastClient("contoso", …) and so on.
        var feeds = MimecastMultiCustomerFeed.Create(
            clients,
            new FileCheckpointStore("checkpoints"),  // one file per customer
            ["contoso", "fabrikam", "northwind"],
            new MimecastIncidentFeedOptions { PollInterval = TimeSpan.FromMinutes(2) },
            maxDegreeOfParallelism: 4);

        // The handler runs per customer batch; the batch is committed when it returns and not when it throws.
        // A failing customer is logged and retried next round; the others carry on.
        await feeds.RunAsync(async (batch, ct) =>
        {
            foreach (var incident in batch.Events)
            {
                Console.WriteLine($"{batch.CustomerName}: {incident}");
            }

            await Task.CompletedTask;
        }, cancellationToken);
        #endregion
    }
}

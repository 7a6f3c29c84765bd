using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;
using static Mimecast.Sdk.Feed.Tests.FeedTestData;

namespace Mimecast.Sdk.Feed.Tests;

/// <summary>
/// Mimecast does not document whether a TTP page token is a position (the next page starts after the last record
/// served) or an offset into the live listing (a record published mid-listing shifts the next page, so the last
/// record of one page comes again first on the next). The feed is exactly once under both.
/// </summary>
public sealed class PageTokenSemanticsTests
{
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task OffsetTokens_ARecordAddedBehindTheListing_RepeatsThePreviousPagesLastRecord()
    {
        var options = SimulatorHarness.Options(_time);
        options.PageTokens = SimulatorPageTokens.Offset;
        await using var h = await SimulatorHarness.StartAsync(options);
        var urls = h.Simulator.Records<SimulatorUrlLog>();
        for (var i = 0; i < 6; i++)
        {
            urls.Add(1, Now.AddMinutes(-10).AddSeconds(i));
        }

        var query = new TtpUrlLogQuery { From = Now.AddHours(-1), OldestFirst = true, PageSize = 3 };
        var first = await h.Client.Ttp.GetUrlLogsPageAsync(query, null);
        urls.Add(1, Now.AddMinutes(-20));
        var second = await h.Client.Ttp.GetUrlLogsPageAsync(query, first.NextPageToken);

        Assert.Equal(first.Items[^1].Url, second.Items[0].Url);
        Assert.Equal(first.Items[^1].Date, second.Items[0].Date);
    }

    [Theory]
    [InlineData(SimulatorPageTokens.Position)]
    [InlineData(SimulatorPageTokens.Offset)]
    public async Task RecordsPublishedMidListing_AreDeliveredExactlyOnce_WhateverAPageTokenMeans(SimulatorPageTokens tokens)
    {
        var options = SimulatorHarness.Options(_time);
        options.PageTokens = tokens;
        await using var h = await SimulatorHarness.StartAsync(options);
        var urls = h.Simulator.Records<SimulatorUrlLog>();
        var attachments = h.Simulator.Records<SimulatorAttachmentLog>();
        var start = Now.AddMinutes(-10);
        for (var i = 0; i < 9; i++)
        {
            var url = urls.Add(1, start.AddSeconds(i)).Single();
            var attachment = attachments.Add(1, start.AddSeconds(i)).Single();
            if (i is 2 or 5)
            {
                // Identical records within one second (no id: told apart only by their occurrence number), across
                // the boundary of 3-record pages: both are delivered.
                urls.Add(url with { });
                attachments.Add(attachment with { });
            }
        }

        // Before the second and fourth page requests (the first poll's URL listing), a record of each kind is published
        // behind what was already listed (inside the window): under offset tokens it shifts the next page by one.
        var client = new InterceptingClient(h.Client, call =>
        {
            if (call is 2 or 4)
            {
                urls.Add(1, start.AddSeconds(-30 - call));
                attachments.Add(1, start.AddSeconds(-30 - call));
            }
        });
        var feed = new MimecastIncidentFeed(client, new InMemoryCheckpointStoreForTests(), new MimecastIncidentFeedOptions
        {
            Kinds = TtpEventKinds.Url | TtpEventKinds.Attachment,
            PageSize = 3,
            InitialLookback = TimeSpan.FromMinutes(11),
            CustomerName = "tokens",
        }, _time);

        var delivered = new List<MimecastFeedEvent>();
        for (var poll = 0; poll < 3; poll++)
        {
            var batch = await feed.PollAsync();
            delivered.AddRange(batch.Events);
            await batch.CommitAsync();
        }

        // Whatever was published during the first polls' listings is delivered by a later one; the last poll is quiet.
        var last = await feed.PollAsync();
        await last.CommitAsync();
        Assert.Empty(last.Events);
        Assert.Equal(delivered.Count, delivered.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(SimulatorHarness.Sorted(h.ExpectedKeys()), SimulatorHarness.Sorted(delivered.Select(SimulatorHarness.KeyOf)));
    }
}

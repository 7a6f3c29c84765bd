using Mimecast.Sdk.Models;
using Mimecast.Sdk.Tests.Infrastructure;
using Mimecast.Sdk.Tests.Siem;

namespace Mimecast.Sdk.Tests.WireContract;

/// <summary>
/// Both branches of each unconfirmed SIEM wire choice (<see cref="SiemWireFacts"/>; tests/WireContract/wire-facts.json)
/// run: whichever Mimecast turns out to do, the SDK's code for it is exercised and reads every event or file once.
/// </summary>
public sealed class UnconfirmedChoiceTests
{
    private static SdkHarness Start(SiemWireChoices wire)
    {
        var h = SdkHarness.Start(MimecastApiGeneration.Api2, o => o.Siem.Wire = wire);
        h.Server.Token();
        return h;
    }

    // The query strings the stub server received on a path, in order.
    private static List<IDictionary<string, WireMock.Types.WireMockList<string>>?> Sent(SdkHarness h, string path) =>
        h.Server.LogEntries.Where(e => e.RequestMessage?.Path == path).OrderBy(e => e.RequestMessage!.DateTime).Select(e => e.RequestMessage!.Query).ToList();

    private static string? Param(IDictionary<string, WireMock.Types.WireMockList<string>>? query, string name) =>
        query is not null && query.TryGetValue(name, out var values) ? values.Single() : null;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Several_stream_types_are_read_whole_with_or_without_a_comma_list(bool commaSeparated)
    {
        await using var h = Start(new SiemWireChoices { CommaSeparatedTypes = commaSeparated });
        if (commaSeparated)
        {
            h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("types", "receipt,process")).AtPriority(1)
                .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(0, 4), "c1", caughtUp: true)));
        }
        else
        {
            h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("types", "receipt")).AtPriority(1)
                .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(0, 2), "c1", caughtUp: true)));
            h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath).WithParam("types", "process")).AtPriority(1)
                .RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(2, 2), "c2", caughtUp: true, type: "process")));
        }

        var events = new List<SiemEvent>();
        await foreach (var e in h.Client.Siem.GetEventsAsync(new SiemEventQuery { Types = [SiemEventType.Receipt, SiemEventType.Process], PageSize = 10 }))
        {
            events.Add(e);
        }

        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"agg-{i}"), events.Select(e => e.AggregateId));
        var types = Sent(h, SiemStubs.StreamPath).Select(q => Param(q, "types")).ToList();
        Assert.Equal(commaSeparated ? ["receipt,process"] : ["receipt", "process"], types);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_batch_cursor_is_followed_with_or_without_the_dates_resent(bool resendDates)
    {
        await using var h = Start(new SiemWireChoices { BatchResendDatesWithNextPage = resendDates });
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath)).AtPriority(10)
            .RespondWith(Stubs.Json(SiemStubs.BatchListing([h.Server.Url + "/files/a.gz"], "cursor-2", caughtUp: false)));
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath).WithParam("nextPage", "cursor-2")).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.BatchListing([h.Server.Url + "/files/b.gz"], null, caughtUp: true)));
        var query = new SiemBatchQuery(SiemEventType.Receipt) { StartDate = new DateOnly(2026, 11, 20), EndDate = new DateOnly(2026, 11, 21) };

        var first = await h.Client.Siem.GetBatchPageAsync(query, null);
        var second = await h.Client.Siem.GetBatchPageAsync(query, first.NextPage);

        Assert.Equal(["a.gz", "b.gz"], first.Files.Concat(second.Files).Select(f => f.Url.Segments[^1]));
        var sent = Sent(h, SiemStubs.BatchPath);
        Assert.Equal("2026-11-20", Param(sent[0], "dateRangeStartsAt"));
        Assert.Equal(resendDates ? "2026-11-20" : null, Param(sent[1], "dateRangeStartsAt"));
        Assert.Equal(resendDates ? "2026-11-21" : null, Param(sent[1], "dateRangeEndsAt"));
        Assert.Equal("cursor-2", Param(sent[1], "nextPage"));
    }
}

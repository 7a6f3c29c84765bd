namespace Mimecast.Sdk.IntegrationTests;

/// <summary>Every TTP log stream, both generations, with filters: the records the simulator holds, each exactly once, in order.</summary>
public sealed class StreamTests
{
    private const int PageSize = 7;

    public static TheoryData<MimecastApiGeneration, string> UrlCases => Cases("all", "oldestFirst", "route:inbound", "route:outbound", "route:internal", "scanResult:malicious", "scanResult:clean", "window", "combined");

    public static TheoryData<MimecastApiGeneration, string> AttachmentCases => Cases("all", "oldestFirst", "route:inbound", "result:safe", "result:malicious", "window", "combined");

    public static TheoryData<MimecastApiGeneration, string> ImpersonationCases => Cases("all", "oldestFirst", "taggedMalicious", "identifier", "action", "search", "window", "combined");

    [Theory]
    [MemberData(nameof(UrlCases))]
    public async Task Url_logs_stream_matches_the_simulator(MimecastApiGeneration generation, string filter)
    {
        await using var h = await Harness.StartAsync(generation, Harness.Options(url: 80, attachment: 0, impersonation: 0));
        var all = h.Simulator.Records<SimulatorUrlLog>().All();
        var (from, to) = Window(all.Select(l => l.Date).ToList());
        var query = new TtpUrlLogQuery { PageSize = PageSize };
        Func<SimulatorUrlLog, bool> match = _ => true;
        switch (filter)
        {
            case "oldestFirst":
                query.OldestFirst = true;
                break;
            case var f when f.StartsWith("route:", StringComparison.Ordinal):
                query.Route = f[6..];
                match = l => l.Route == query.Route;
                break;
            case var f when f.StartsWith("scanResult:", StringComparison.Ordinal):
                query.ScanResult = f[11..];
                match = l => l.ScanResult == query.ScanResult;
                break;
            case "window":
                (query.From, query.To) = (from, to);
                match = l => l.Date >= from && l.Date <= to;
                break;
            case "combined":
                (query.From, query.Route, query.ScanResult, query.OldestFirst) = (from, TtpRoutes.Inbound, "clean", true);
                match = l => l.Date >= from && l.Route == "inbound" && l.ScanResult == "clean";
                break;
        }

        var expected = Expected(all, match, query.OldestFirst == true).Select(Harness.Key).ToList();
        var actual = await h.Client.Ttp.GetUrlLogsAsync(query).Select(Harness.Key).ToListAsync();

        AssertExactlyOnce(h, "/api/ttp/url/get-logs", expected, actual);
    }

    [Theory]
    [MemberData(nameof(AttachmentCases))]
    public async Task Attachment_logs_stream_matches_the_simulator(MimecastApiGeneration generation, string filter)
    {
        await using var h = await Harness.StartAsync(generation, Harness.Options(url: 0, attachment: 70, impersonation: 0));
        var all = h.Simulator.Records<SimulatorAttachmentLog>().All();
        var (from, to) = Window(all.Select(l => l.Date).ToList());
        var query = new TtpAttachmentLogQuery { PageSize = PageSize };
        Func<SimulatorAttachmentLog, bool> match = _ => true;
        switch (filter)
        {
            case "oldestFirst":
                query.OldestFirst = true;
                break;
            case var f when f.StartsWith("route:", StringComparison.Ordinal):
                query.Route = f[6..];
                match = l => l.Route == query.Route;
                break;
            case var f when f.StartsWith("result:", StringComparison.Ordinal):
                query.Result = f[7..];
                match = l => l.Result == query.Result;
                break;
            case "window":
                (query.From, query.To) = (from, to);
                match = l => l.Date >= from && l.Date <= to;
                break;
            case "combined":
                (query.To, query.Route, query.Result, query.OldestFirst) = (to, TtpRoutes.Inbound, "safe", true);
                match = l => l.Date <= to && l.Route == "inbound" && l.Result == "safe";
                break;
        }

        var expected = Expected(all, match, query.OldestFirst == true).Select(Harness.Key).ToList();
        var actual = await h.Client.Ttp.GetAttachmentLogsAsync(query).Select(Harness.Key).ToListAsync();

        AssertExactlyOnce(h, "/api/ttp/attachment/get-logs", expected, actual);
    }

    [Theory]
    [MemberData(nameof(ImpersonationCases))]
    public async Task Impersonation_logs_stream_matches_the_simulator(MimecastApiGeneration generation, string filter)
    {
        await using var h = await Harness.StartAsync(generation, Harness.Options(url: 0, attachment: 0, impersonation: 60));
        var all = h.Simulator.Records<SimulatorImpersonationLog>().All();
        var (from, to) = Window(all.Select(l => l.EventTime).ToList());
        var identifier = all[0].Identifiers.Count > 0 ? all[0].Identifiers[0] : "newly_observed_domain";
        var action = all[0].Action;
        var sender = all[3].SenderAddress;
        var search = sender[..Math.Min(4, sender.IndexOf('@', StringComparison.Ordinal))];
        var query = new TtpImpersonationLogQuery { PageSize = PageSize };
        Func<SimulatorImpersonationLog, bool> match = _ => true;
        switch (filter)
        {
            case "oldestFirst":
                query.OldestFirst = true;
                break;
            case "taggedMalicious":
                query.TaggedMalicious = true;
                match = l => l.TaggedMalicious;
                break;
            case "identifier":
                query.Identifiers = [identifier];
                match = l => l.Identifiers.Contains(identifier);
                break;
            case "action":
                query.Actions = [action];
                match = l => l.Action == action;
                break;
            case "search":
                (query.SearchField, query.Query) = ("senderAddress", search);
                match = l => l.SenderAddress.Contains(search, StringComparison.OrdinalIgnoreCase);
                break;
            case "window":
                (query.From, query.To) = (from, to);
                match = l => l.EventTime >= from && l.EventTime <= to;
                break;
            case "combined":
                (query.From, query.To, query.TaggedExternal, query.OldestFirst) = (from, to, true, true);
                match = l => l.EventTime >= from && l.EventTime <= to && l.TaggedExternal;
                break;
        }

        var expected = Expected(all, match, query.OldestFirst == true).Select(Harness.Key).ToList();
        var actual = await h.Client.Ttp.GetImpersonationLogsAsync(query).Select(Harness.Key).ToListAsync();

        AssertExactlyOnce(h, "/api/ttp/impersonation/get-logs", expected, actual);
        Assert.Equal(expected.Count, actual.Distinct().Count()); // ids are unique
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Pages_chain_by_token_and_report_total_count_and_quota(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation, Harness.Options(url: 0, attachment: 23, impersonation: 0));
        var query = new TtpAttachmentLogQuery { PageSize = PageSize, OldestFirst = true };
        var keys = new List<string>();
        var sizes = new List<int>();
        string? token = null;
        for (var i = 0; i < 10; i++)
        {
            var page = await h.Client.Ttp.GetAttachmentLogsPageAsync(query, token);
            keys.AddRange(page.Items.Select(Harness.Key));
            sizes.Add(page.Items.Count);
            Assert.Equal(23, page.TotalCount);
            Assert.NotNull(page.RateLimit);
            Assert.Equal(h.Simulator.Options.RateLimit.Limit, page.RateLimit.Limit);
            Assert.False(string.IsNullOrEmpty(page.RequestId));
            token = page.NextPageToken;
            if (!page.HasMore)
            {
                break;
            }
        }

        Assert.Null(token);
        Assert.Equal([7, 7, 7, 2], sizes);
        Assert.Equal(h.Simulator.Records<SimulatorAttachmentLog>().All().Select(Harness.Key), keys);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task An_empty_result_is_one_request_and_no_records(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation, Harness.Options(url: 0, attachment: 0, impersonation: 0));

        Assert.Empty(await h.Client.Ttp.GetUrlLogsAsync().ToListAsync());
        Assert.Empty(await h.Client.Ttp.GetAttachmentLogsAsync().ToListAsync());
        Assert.Empty(await h.Client.Ttp.GetImpersonationLogsAsync().ToListAsync());
        Assert.Equal(3, h.Simulator.Journal.Entries.Count(e => e.Path.StartsWith("/api/ttp/", StringComparison.Ordinal)));
    }

    private static TheoryData<MimecastApiGeneration, string> Cases(params string[] filters)
    {
        var data = new TheoryData<MimecastApiGeneration, string>();
        foreach (var generation in new[] { MimecastApiGeneration.Api1, MimecastApiGeneration.Api2 })
        {
            foreach (var filter in filters)
            {
                data.Add(generation, filter);
            }
        }

        return data;
    }

    /// <summary>A from/to window over the middle of the records (both bounds fall on record timestamps: inclusivity matters).</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Window(List<DateTimeOffset> times) =>
        times.Count == 0 ? (DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch) : (times[times.Count / 4], times[times.Count * 3 / 4]);

    private static List<T> Expected<T>(IReadOnlyList<T> oldestFirstRecords, Func<T, bool> match, bool oldestFirst)
    {
        var matches = oldestFirstRecords.Where(match).ToList();
        if (!oldestFirst)
        {
            matches.Reverse();
        }

        return matches;
    }

    private static void AssertExactlyOnce(Harness h, string path, List<string> expected, List<string> actual)
    {
        Assert.True(expected.Count > 0, "the case must select records");
        Assert.Equal(expected, actual);
        var calls = h.Simulator.Journal.Entries.Where(e => e.Path == path).ToList();
        Assert.Equal((expected.Count + PageSize - 1) / PageSize, calls.Count);
        Assert.All(calls, c => Assert.Equal(200, c.StatusCode));
        Assert.All(calls, c => Assert.Equal(PageSize, c.PageSize));
        Assert.Equal(calls.Count - 1, calls.Select(c => c.PageToken).OfType<string>().Distinct().Count());
        Assert.Equal(expected.Count, calls.Sum(c => c.RecordCount ?? 0));
    }
}

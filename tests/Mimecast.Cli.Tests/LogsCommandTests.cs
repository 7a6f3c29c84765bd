using System.Globalization;
using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>
/// <c>mimecast logs …</c> as a process against the simulator: each source over both API generations where Mimecast
/// offers it, only the records inside <c>--since</c>/<c>--until</c>, every page (page size 7, more records than a page).
/// </summary>
public sealed class LogsCommandTests : IClassFixture<LogsCommandTests.Records>, IDisposable
{
    private const int Inside = 30; // 5 pages of 7 (the last one short)
    private readonly Records _records;
    private readonly CliRunner _cli = new();

    public LogsCommandTests(Records records) => _records = records;

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("url", "date", false)]
    [InlineData("url", "date", true)]
    [InlineData("attachment", "date", false)]
    [InlineData("attachment", "date", true)]
    [InlineData("impersonation", "eventTime", false)]
    [InlineData("impersonation", "eventTime", true)]
    public async Task Ttp_logs_pull_every_page_of_the_period_and_nothing_outside_it(string source, string timeField, bool api2)
    {
        CliResult result = await _cli.RunAsync(
            ["logs", "ttp", source, "--since", Iso(_records.Since), "--until", Iso(_records.Until), "--page-size", "7"], env: Env(api2));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Inside, result.Lines.Length);
        Assert.All(result.Lines, line => Assert.Equal(_records.InsideAt, Time(line, timeField)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Audit_events_pull_every_page_of_the_period_with_their_ids(bool api2)
    {
        CliResult result = await _cli.RunAsync(
            ["logs", "audit", "--since", Iso(_records.Since), "--until", Iso(_records.Until), "--page-size", "7"], env: Env(api2));

        Assert.True(result.ExitCode == 0, result.ToString());
        var ids = result.Lines.Select(l => Json(l).GetProperty("id").GetString()).ToList();
        Assert.Equal(_records.AuditIdsInside.Order(), ids.Order());
    }

    [Fact]
    public async Task Siem_stream_events_of_a_type_pull_every_page_received_in_the_period()
    {
        // The stream selects by when Mimecast received an event (the simulator received all of them just now).
        CliResult recent = await _cli.RunAsync(["logs", "siem", "--type", "receipt", "--since", "1h", "--page-size", "7"], env: Env(api2: true));
        CliResult earlier = await _cli.RunAsync(
            ["logs", "siem", "--type", "receipt", "--since", Iso(_records.Since), "--until", Iso(_records.Until)], env: Env(api2: true));

        Assert.True(recent.ExitCode == 0, recent.ToString());
        Assert.Equal(Inside + 10, recent.Lines.Length);
        Assert.All(recent.Lines, line => Assert.Equal("receipt", Json(line).GetProperty("type").GetString()));
        Assert.True(earlier.ExitCode == 0, earlier.ToString());
        Assert.Empty(earlier.Lines);
    }

    [Fact]
    public async Task Siem_batch_files_of_a_type_are_read_and_only_the_events_of_the_period_written()
    {
        // The simulator's seeded SIEM history (20 events per type over the last day) is published as batch files.
        var sim = new SimulatorFixture();
        await sim.InitializeAsync();
        try
        {
            var now = DateTimeOffset.UtcNow;
            var since = now.AddHours(-30);
            var until = now.AddHours(-1);
            var expected = sim.Simulator.Records<SimulatorSiemEvent>().All()
                .Count(e => e.Type == "receipt" && e.Timestamp >= since && e.Timestamp < until && e.Timestamp < now.AddMinutes(-30));

            CliResult result = await _cli.RunAsync(["logs", "siem", "--batch", "--type", "receipt", "--since", Iso(since), "--until", Iso(until)], env: sim.Api2Env);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.NotEmpty(result.Lines);
            Assert.InRange(result.Lines.Length, 1, expected); // only files of ended windows are published
            Assert.All(result.Lines, line =>
            {
                var e = Json(line);
                Assert.Equal("receipt", e.GetProperty("type").GetString());
                var at = DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("timestamp").GetInt64());
                Assert.InRange(at, since.AddSeconds(-1), until);
            });
        }
        finally
        {
            await sim.DisposeAsync();
        }
    }

    [Fact]
    public async Task Until_before_since_is_a_usage_error_with_exit_code_2()
    {
        CliResult result = await _cli.RunAsync(["logs", "ttp", "url", "--since", "2h", "--until", "3h"], env: Env(api2: false));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--until", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Quota_still_exhausted_after_max_wait_exits_5_after_writing_the_pages_it_got()
    {
        var sim = new SimulatorFixture();
        sim.Options.InitialUrlLogs = 0;
        await sim.InitializeAsync();
        try
        {
            var at = DateTimeOffset.UtcNow.AddHours(-1);
            sim.Simulator.Records<SimulatorUrlLog>().Add(Inside, at);
            sim.Simulator.SetRateLimit(limit: 2, window: TimeSpan.FromMinutes(10));

            CliResult result = await _cli.RunAsync(["logs", "ttp", "url", "--since", "2h", "--page-size", "7", "--max-wait", "1s"], env: sim.Api1Env);

            Assert.True(result.ExitCode == 5, result.ToString());
            Assert.Contains("quota", result.Stderr, StringComparison.OrdinalIgnoreCase);
            Assert.InRange(result.Lines.Length, 7, Inside - 1); // the pages read before the quota ran out are written
        }
        finally
        {
            await sim.DisposeAsync();
        }
    }

    private Dictionary<string, string?> Env(bool api2) => api2 ? _records.Sim.Api2Env : _records.Sim.Api1Env;

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonElement Json(string line)
    {
        using JsonDocument doc = JsonDocument.Parse(line);
        return doc.RootElement.Clone();
    }

    private static DateTimeOffset Time(string line, string field) => DateTimeOffset.Parse(Json(line).GetProperty(field).GetString()!, CultureInfo.InvariantCulture);

    /// <summary>
    /// One simulator with, for every source, <see cref="Inside"/> records inside the period and 5 just before and 5 just
    /// after it (the period is 20 h to 2 h ago: the SIEM stream keeps 24 h).
    /// </summary>
    public sealed class Records : IAsyncLifetime
    {
        public SimulatorFixture Sim { get; } = new();

        public DateTimeOffset Since { get; private set; }

        public DateTimeOffset Until { get; private set; }

        public DateTimeOffset InsideAt { get; private set; }

        public IReadOnlyList<string> AuditIdsInside { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Sim.Options.InitialUrlLogs = 0;
            Sim.Options.InitialAttachmentLogs = 0;
            Sim.Options.InitialImpersonationLogs = 0;
            Sim.Options.Siem.InitialEventsPerType = 0;
            Sim.Options.Siem.InitialAuditEvents = 0;
            await Sim.InitializeAsync();
            var now = DateTimeOffset.UtcNow;
            now = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
            Since = now.AddHours(-20);
            Until = now.AddHours(-2);
            InsideAt = now.AddHours(-10);
            var before = Since.AddMinutes(-30);
            var after = Until.AddMinutes(30);
            var s = Sim.Simulator;
            foreach (var (at, count) in new[] { (before, 5), (InsideAt, Inside), (after, 5) })
            {
                s.Records<SimulatorUrlLog>().Add(count, at);
                s.Records<SimulatorAttachmentLog>().Add(count, at);
                s.Records<SimulatorImpersonationLog>().Add(count, at);
                s.Records<SimulatorSiemEvent>().Add(count, at);
                var audit = s.Records<SimulatorAuditEvent>().Add(count, at);
                if (at == InsideAt)
                {
                    AuditIdsInside = audit.Select(a => a.Id).ToList();
                }
            }
        }

        public Task DisposeAsync() => Sim.DisposeAsync();
    }
}

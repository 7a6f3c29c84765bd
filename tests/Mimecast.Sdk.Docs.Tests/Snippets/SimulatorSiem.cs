using Microsoft.Extensions.Time.Testing;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public sealed class SimulatorSiemSnippets
{
    [Fact]
    public async Task Adds_siem_events_late_events_bulk_files_and_audit_events()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 3, 7, TimeSpan.Zero));

        #region snippet: simulator-siem-api
        await using var sim = await MimecastSimulator.StartAsync(new MimecastSimulatorOptions { TimeProvider = clock });
        sim.AddSiemEvents(SimulatorSiemEventTypes.UrlProtect, 5);                      // received now
        sim.AddSiemEvents("receipt", 2, at: clock.GetUtcNow().AddHours(-30));          // late: old time, received now
        sim.AddSiemBatchFiles("receipt", count: 2, uncompressedBytesPerFile: 1_000_000); // bulk files for benchmarks
        sim.Records<SimulatorAuditEvent>().Add(3);
        IReadOnlyList<SimulatorSiemEvent> events = sim.Records<SimulatorSiemEvent>().All();                 // reception order
        IReadOnlyList<SimulatorSiemBatchFile> files = sim.GetSiemBatchFiles();
        #endregion

        Assert.Equal(clock.GetUtcNow().AddHours(-30), events[^1].Timestamp);
        Assert.Equal(clock.GetUtcNow(), events[^1].IngestedAt);
        Assert.Equal(2, files.Count(f => f.UncompressedSize >= 1_000_000));
    }
}

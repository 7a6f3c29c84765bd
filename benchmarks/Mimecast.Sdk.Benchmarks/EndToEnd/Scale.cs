namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>How big each end-to-end scenario is: full (<c>e2e</c>) or small (<c>smoke</c>).</summary>
internal sealed record Scale(
    string Name,
    int DrainRecords,
    int DrainWarmups,
    int DrainRuns,
    int RateLimit,
    TimeSpan RateWindow,
    int RateWindows,
    int TokenCallers,
    int MemorySmall,
    int MemoryMid,
    int MemoryLarge,
    int[] Customers,
    int[] SimulatorStores,
    int SignIterations,
    int DecodeIterations,
    TimeSpan Budget)
{
    public bool IsSmoke => Name == "smoke";

    public static Scale Full { get; } = new(
        "e2e", DrainRecords: 100_000, DrainWarmups: 2, DrainRuns: 7,
        RateLimit: 50, RateWindow: TimeSpan.FromSeconds(1), RateWindows: 20,
        TokenCallers: 256, MemorySmall: 10_000, MemoryMid: 100_000, MemoryLarge: 1_000_000,
        Customers: [10, 100, 1000], SimulatorStores: [25_000, 1_000_000], SignIterations: 200_000, DecodeIterations: 200,
        Budget: TimeSpan.FromMinutes(25));

    public static Scale Smoke { get; } = new(
        "smoke", DrainRecords: 10_000, DrainWarmups: 1, DrainRuns: 3,
        RateLimit: 20, RateWindow: TimeSpan.FromMilliseconds(500), RateWindows: 6,
        TokenCallers: 256, MemorySmall: 5_000, MemoryMid: 20_000, MemoryLarge: 50_000,
        Customers: [10, 100], SimulatorStores: [25_000, 100_000], SignIterations: 20_000, DecodeIterations: 20,
        Budget: TimeSpan.FromSeconds(100));
}

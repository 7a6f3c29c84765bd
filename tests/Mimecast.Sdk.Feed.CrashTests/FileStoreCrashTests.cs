using System.Globalization;
using Xunit.Abstractions;

namespace Mimecast.Sdk.Feed.CrashTests;

/// <summary>
/// The file checkpoint store under SIGKILL: worker processes killed at least 30 times mid-poll, between poll and
/// commit, mid-delivery and mid-commit, while the simulator appends records (some late), then a fresh process
/// finishes. Contract: nothing lost; an event is delivered twice only when the process died after the sink had it
/// and before the checkpoint save returned.
/// </summary>
[Collection(CrashTestGroup.Name)]
public sealed class FileStoreCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KilledWorkers_LoseNothing_AndDuplicateOnlyBatchesNotCommitted()
    {
        await using var store = new FileCrashStore();
        var result = await new CrashScenario(store, output, CrashSeed.Next()).RunAsync();

        Assert.True(result.Kills >= 30);
        Assert.True(result.Lost().Count == 0, $"Lost (seed {result.Seed}): {string.Join("; ", result.Lost().Take(10))}");
        Assert.True(result.Unexpected().Count == 0, $"Unexpected (seed {result.Seed}): {string.Join("; ", result.Unexpected().Take(10))}");
        foreach (var duplicate in result.DuplicatedIds())
        {
            // Every copy but the last came from a batch whose checkpoint save never returned.
            var early = duplicate.SkipLast(1).Where(r => result.CommittedTags.Contains(r.Tag)).ToList();
            Assert.True(early.Count == 0, $"Event {duplicate.Key} delivered again after batch {string.Join(",", early.Select(r => r.Tag))} was committed (seed {result.Seed}).");
        }
    }
}

/// <summary>The seed of a crash test: MIMECAST_CRASH_SEED if set (to replay a failure), otherwise a new one.</summary>
internal static class CrashSeed
{
    public static int Next() =>
        int.TryParse(Environment.GetEnvironmentVariable("MIMECAST_CRASH_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();
}

/// <summary>The crash tests run one at a time: each starts dozens of processes on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashTestGroup
{
    public const string Name = "crash tests";
}

using System.Globalization;
using Quartz;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// How the cluster maps onto Quartz: one durable job per shard (<c>(shard-007, mimecast-feed-shards)</c>) that requests
/// recovery, and one one-shot trigger with the same key that each run re-arms when it ends (at once when the worker
/// keeps the shard, a moment later when it hands it on). A customer belongs to shard
/// <see cref="ShardOf(string, int)"/> of its name, so customers come and go without a Quartz write.
/// </summary>
internal static class ShardSchedule
{
    public const string Group = "mimecast-feed-shards";

    /// <summary>The group of the per-customer jobs of earlier versions; the reconciler deletes them.</summary>
    public const string LegacyCustomerGroup = "mimecast-feed";

    private const string ShardKey = "shard";

    public static string NameOf(int shard) => "shard-" + shard.ToString("000", CultureInfo.InvariantCulture);

    public static JobKey JobKeyOf(int shard) => new(NameOf(shard), Group);

    public static TriggerKey TriggerKeyOf(int shard) => new(NameOf(shard), Group);

    public static IJobDetail BuildJob(int shard) =>
        JobBuilder.Create<ShardPollJob>()
            .WithIdentity(JobKeyOf(shard))
            .WithDescription("Mimecast incident feed: the polls of one shard of customers")
            .StoreDurably()
            .RequestRecovery()
            .UsingJobData(ShardKey, shard.ToString(CultureInfo.InvariantCulture))
            .Build();

    public static ITrigger BuildTrigger(int shard, DateTimeOffset fireAt) =>
        TriggerBuilder.Create()
            .WithIdentity(TriggerKeyOf(shard))
            .ForJob(JobKeyOf(shard))
            .StartAt(fireAt)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    public static int ShardOfJob(IJobDetail job) =>
        int.TryParse(job.JobDataMap.GetString(ShardKey), NumberStyles.None, CultureInfo.InvariantCulture, out var shard) ? shard
            : throw new InvalidOperationException($"Job {job.Key} names no shard.");

    /// <summary>
    /// The shard of a customer: FNV-1a (32 bit) over the UTF-16 code units of its name, modulo the shard count. Stable
    /// across processes, machines and .NET versions (unlike <see cref="string.GetHashCode()"/>), so every worker agrees.
    /// </summary>
    public static int ShardOf(string customer, int shardCount)
    {
        var hash = 2166136261u;
        foreach (var c in customer)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shardCount);
    }
}

using System.Globalization;
using Quartz;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// How a customer maps onto Quartz: one durable job <c>(customer name, mimecast-feed)</c> that requests recovery, and
/// one one-shot trigger with the same key that the job re-arms at the end of every poll (so the interval runs from the
/// end of a poll, never from its start). Misfire policy: fire now. A poll that is late because the cluster was down
/// or busy runs as soon as a worker is free; nothing is skipped, since one poll catches up everything since the checkpoint.
/// </summary>
internal static class CustomerSchedule
{
    public const string Group = "mimecast-feed";
    private const string CustomerKey = "customer";
    private const string IntervalKey = "intervalMs";

    public static JobKey JobKeyOf(string customer) => new(customer, Group);

    public static TriggerKey TriggerKeyOf(string customer) => new(customer, Group);

    public static IJobDetail BuildJob(string customer, TimeSpan interval) =>
        JobBuilder.Create<CustomerPollJob>()
            .WithIdentity(JobKeyOf(customer))
            .WithDescription("Mimecast incident feed poll")
            .StoreDurably()
            .RequestRecovery()
            .UsingJobData(CustomerKey, customer)
            .UsingJobData(IntervalKey, ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture))
            .Build();

    public static ITrigger BuildTrigger(string customer, DateTimeOffset fireAt) =>
        TriggerBuilder.Create()
            .WithIdentity(TriggerKeyOf(customer))
            .ForJob(JobKeyOf(customer))
            .StartAt(fireAt)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    public static string CustomerOf(IJobDetail job) => job.JobDataMap.GetString(CustomerKey) ?? job.Key.Name;

    public static TimeSpan IntervalOf(IJobDetail job) =>
        long.TryParse(job.JobDataMap.GetString(IntervalKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.FromMinutes(1);
}

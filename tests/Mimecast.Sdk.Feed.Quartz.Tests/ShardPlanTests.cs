using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// The shard scheduling logic on its own (no database, no Quartz): the due times a shard run keeps for its customers,
/// how they travel to the next owner, the customer → shard hash and the fair share that spreads shards over workers.
/// </summary>
public sealed class ShardPlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    private static MimecastFeedCustomer[] Customers(params string[] names) => [.. names.Select(n => new MimecastFeedCustomer { Name = n })];

    private static readonly HashSet<string> None = [];

    [Fact]
    public void Customers_added_together_have_their_first_polls_spread_over_one_interval()
    {
        var plan = new ShardPlan();
        Assert.Equal(4, plan.Sync(Customers("d", "b", "a", "c"), Minute, Start));

        Assert.Equal(Start, plan.DueOf("a"));
        Assert.Equal(Start + TimeSpan.FromSeconds(15), plan.DueOf("b"));
        Assert.Equal(Start + TimeSpan.FromSeconds(30), plan.DueOf("c"));
        Assert.Equal(Start + TimeSpan.FromSeconds(45), plan.DueOf("d"));
        Assert.Equal(["a"], plan.Due(Start, None).Select(d => d.Name));
    }

    [Fact]
    public void A_single_customer_added_later_is_due_at_once()
    {
        var plan = new ShardPlan();
        plan.Sync(Customers("a", "b"), Minute, Start);
        var later = Start + TimeSpan.FromSeconds(10);

        Assert.Equal(1, plan.Sync(Customers("a", "b", "new"), Minute, later));

        Assert.Equal(later, plan.DueOf("new"));
        Assert.Equal(Start + TimeSpan.FromSeconds(30), plan.DueOf("b")); // the others keep their times
    }

    [Fact]
    public void A_customer_is_due_one_interval_after_its_poll_ends_or_at_once_while_more_events_wait()
    {
        var plan = new ShardPlan();
        plan.Sync([new MimecastFeedCustomer { Name = "a", PollInterval = TimeSpan.FromSeconds(20) }, new MimecastFeedCustomer { Name = "b" }], Minute, Start);
        var end = Start + TimeSpan.FromSeconds(2);

        plan.Completed("a", end, moreWaiting: false);
        plan.Completed("b", end, moreWaiting: true);

        Assert.Equal(end + TimeSpan.FromSeconds(20), plan.DueOf("a"));
        Assert.Equal(end, plan.DueOf("b"));
    }

    [Fact]
    public void Due_lists_the_most_overdue_first_without_the_customers_in_flight_and_next_due_skips_them_too()
    {
        var plan = new ShardPlan();
        plan.Sync(Customers("a", "b", "c", "d"), Minute, Start);
        var now = Start + TimeSpan.FromSeconds(31);

        Assert.Equal(["a", "b", "c"], plan.Due(now, None).Select(d => d.Name));
        Assert.Equal(["a", "c"], plan.Due(now, new HashSet<string> { "b" }).Select(d => d.Name));
        Assert.Equal(Start + TimeSpan.FromSeconds(15), plan.NextDue(new HashSet<string> { "a" }));
    }

    [Fact]
    public void A_removed_customer_leaves_the_plan_and_a_changed_interval_moves_the_next_poll_earlier_never_later()
    {
        var plan = new ShardPlan();
        plan.Sync(Customers("a", "b"), Minute, Start);
        plan.Completed("a", Start, moreWaiting: false); // due Start + 60 s
        var now = Start + TimeSpan.FromSeconds(5);

        plan.Sync([new MimecastFeedCustomer { Name = "a", PollInterval = TimeSpan.FromSeconds(10) }], Minute, now);
        Assert.Equal(now + TimeSpan.FromSeconds(10), plan.DueOf("a"));
        Assert.Null(plan.DueOf("b"));

        plan.Sync([new MimecastFeedCustomer { Name = "a", PollInterval = TimeSpan.FromMinutes(10) }], Minute, now);
        Assert.Equal(now + TimeSpan.FromSeconds(10), plan.DueOf("a"));
    }

    [Fact]
    public void Due_times_handed_on_through_the_job_data_keep_the_schedule_at_the_next_owner()
    {
        var first = new ShardPlan();
        first.Sync(Customers("a", "b", "c"), Minute, Start);
        first.Completed("a", Start + TimeSpan.FromSeconds(1), moreWaiting: false);

        var next = new ShardPlan();
        next.Load(first.Save(), Minute);
        var now = Start + TimeSpan.FromSeconds(30);
        Assert.Equal(1, next.Sync(Customers("a", "b", "c", "new"), Minute, now));

        Assert.Equal(Start + TimeSpan.FromSeconds(61), next.DueOf("a"));
        Assert.Equal(Start + TimeSpan.FromSeconds(20), next.DueOf("b"));
        Assert.Equal(Start + TimeSpan.FromSeconds(40), next.DueOf("c"));
        Assert.Equal(now, next.DueOf("new"));
    }

    [Fact]
    public void Unreadable_job_data_makes_every_customer_new_and_spread_over_one_interval()
    {
        var plan = new ShardPlan();
        plan.Load("{not json", Minute);

        Assert.Equal(2, plan.Sync(Customers("a", "b"), Minute, Start));
        Assert.Equal(Start + TimeSpan.FromSeconds(30), plan.DueOf("b"));
    }

    [Fact]
    public void A_customers_shard_is_a_stable_hash_of_its_name_that_spreads_customers_evenly()
    {
        // Fixed values: every worker (any process, machine or .NET version) must agree.
        Assert.Equal(ShardSchedule.ShardOf("c00001", 32), ShardSchedule.ShardOf(new string("c00001".ToCharArray()), 32));
        Assert.Equal(7, ShardSchedule.ShardOf("customer-a", 32)); // FNV-1a of the UTF-16 code units, checked independently
        Assert.Equal(0, ShardSchedule.ShardOf("anything", 1));

        var counts = new int[32];
        for (var i = 1; i <= 10_000; i++)
        {
            counts[ShardSchedule.ShardOf($"c{i:00000}", 32)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 10_000 / 32 * 3 / 4, 10_000 / 32 * 5 / 4));
    }

    [Fact]
    public async Task A_worker_alone_runs_every_shard_up_to_the_shard_count_and_no_more()
    {
        var time = new FakeTimeProvider(Start);
        var options = new OptionsMonitorStub(new MimecastFeedClusterOptions { ShardCount = 3 });
        using var ownership = new ShardOwnership(new FeedClusterState(), options, time);

        Assert.True(await ownership.TryEnterAsync(CancellationToken.None));
        Assert.True(await ownership.TryEnterAsync(CancellationToken.None));
        Assert.True(await ownership.TryEnterAsync(CancellationToken.None));
        Assert.False(await ownership.TryEnterAsync(CancellationToken.None));
        Assert.Equal(3, ownership.Running);

        Assert.False(await ownership.ExitAsync(CancellationToken.None)); // within its share: keeps the shard
        Assert.Equal(2, ownership.Running);
        Assert.Equal(100, ownership.Polls.CurrentCount);
    }

    private sealed class OptionsMonitorStub(MimecastFeedClusterOptions value) : IOptionsMonitor<MimecastFeedClusterOptions>
    {
        public MimecastFeedClusterOptions CurrentValue => value;

        public MimecastFeedClusterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MimecastFeedClusterOptions, string?> listener) => null;
    }
}

namespace Mimecast.Sdk.IntegrationTests.Actions;

/// <summary>The held queue and the message finder against the simulator, on both generations: state, item limits, lost answers.</summary>
public class HeldQueueTests
{
    private const string ReleasePath = "/api/gateway/hold-release";
    private const string RejectPath = "/api/gateway/hold-reject";

    private static async Task<List<HeldMessage>> HeldAsync(Harness h) => await h.Client.Held.GetHeldMessagesAsync().ToListAsync();

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Release_removes_the_message_a_second_release_fails_and_the_summary_follows(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        var held = await HeldAsync(h);
        Assert.Equal(12, held.Count); // the seeded queue, walked in pages of 7
        var ids = held.Take(3).Select(m => m.Id!).ToList();

        var first = await h.Client.Held.ReleaseAsync(ids);
        var second = await h.Client.Held.ReleaseAsync(ids);

        Assert.True(first.EnsureSuccess().IsSuccess);
        Assert.All(second.Items, i => Assert.Equal("held_release_false", i.Error?.Code));
        Assert.Equal(9, (await HeldAsync(h)).Count);
        Assert.Equal(9, (await h.Client.Held.GetSummaryAsync()).Sum(s => s.NumberOfItems));
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Sixty_ids_go_out_in_calls_of_25_with_one_result_each(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        h.Simulator.Records<SimulatorHeldMessage>().Add(60);
        var ids = (await HeldAsync(h)).Select(m => m.Id!).Take(60).ToList();

        var rejected = await h.Client.Held.RejectAsync([.. ids.Take(30), "eNoNotHeld"], new HeldRejectOptions { ReasonType = HeldRejectReasons.UndesirableContent, Notify = true });
        var released = await h.Client.Held.ReleaseAsync(ids.Skip(30));

        Assert.Equal(2, h.Requests(RejectPath));
        Assert.Equal(2, h.Requests(ReleasePath));
        Assert.Equal(31, rejected.Items.Count);
        Assert.Equal(30, rejected.Succeeded.Count);
        Assert.Equal("eNoNotHeld", Assert.Single(rejected.Failed).Item);
        Assert.Equal(30, released.Succeeded.Count);
        Assert.Equal(12, (await HeldAsync(h)).Count);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1, ReleasePath)]
    [InlineData(MimecastApiGeneration.Api2, ReleasePath)]
    [InlineData(MimecastApiGeneration.Api1, RejectPath)]
    [InlineData(MimecastApiGeneration.Api2, RejectPath)]
    public async Task A_write_applied_whose_answer_is_lost_is_sent_once_and_checked_in_the_held_queue(MimecastApiGeneration generation, string path)
    {
        await using var h = await Harness.StartAsync(generation);
        var ids = (await HeldAsync(h)).Take(2).Select(m => m.Id!).ToList();
        h.Simulator.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, path);

        var result = path == ReleasePath ? await h.Client.Held.ReleaseAsync(ids) : await h.Client.Held.RejectAsync(ids);

        Assert.Equal(1, h.Requests(path)); // never resent
        Assert.All(result.Items, i =>
        {
            Assert.Equal(MimecastItemStatus.Succeeded, i.Status);
            Assert.True(i.Result!.CheckedByRead);
        });
        Assert.DoesNotContain((await HeldAsync(h)).Select(m => m.Id!), ids.Contains);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task A_server_error_before_the_write_leaves_the_message_held_and_reports_it_not_released(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        var id = (await HeldAsync(h))[0].Id!;
        h.Simulator.Faults.Enqueue(SimulatorFault.ServerError, 1, ReleasePath);

        var result = await h.Client.Held.ReleaseAsync([id]);

        Assert.Equal(1, h.Requests(ReleasePath));
        var item = Assert.Single(result.Items);
        Assert.Equal(MimecastItemStatus.Failed, item.Status);
        Assert.Equal("held_still_held", item.Error!.Code);
        Assert.Contains(id, (await HeldAsync(h)).Select(m => m.Id));
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task The_message_finder_agrees_with_the_held_queue_and_the_url_logs(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        var added = h.Simulator.Records<SimulatorHeldMessage>().Add(new SimulatorHeldMessage
        {
            DateReceived = DateTimeOffset.UtcNow.AddMinutes(-5),
            From = "bad@example.net",
            To = "alice@" + MimecastSimulatorDefaults.EmailAddress.Split('@')[1],
            Subject = "Wire transfer",
            MessageId = "<held-1@example.net>",
        });
        var byId = new MessageSearchQuery { MessageId = "<held-1@example.net>", SearchReason = "test" };

        Assert.Equal("held", Assert.Single(await h.Client.Messages.SearchAsync(byId)).Status);
        var heldBySender = await h.Client.Messages.SearchAsync(new MessageSearchQuery { Advanced = new MessageTrackingOptions { From = "bad@example.net", Subject = "wire" } });
        Assert.Equal(added.TrackingId, Assert.Single(heldBySender).Id);

        (await h.Client.Held.ReleaseAsync([added.Id])).EnsureSuccess();
        var delivered = Assert.Single(await h.Client.Messages.SearchAsync(byId));
        Assert.Equal("delivered", delivered.Status);
        var info = await h.Client.Messages.GetMessageInfoAsync(delivered.Id!);
        Assert.Equal([added.To], info.DeliveredMessage!.Keys);

        var click = h.Simulator.Records<SimulatorUrlLog>().All()[0];
        var clicked = Assert.Single(await h.Client.Messages.SearchAsync(new MessageSearchQuery { MessageId = click.MessageId }));
        Assert.Equal(("delivered", click.UserEmailAddress), (clicked.Status, clicked.To![0].EmailAddress));
    }
}

using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.ResponseBuilders;

namespace Mimecast.Sdk.Tests.Siem;

public class PacingTests
{
    [Fact]
    public async Task The_stream_quota_is_held_client_side_so_no_call_is_sent_past_it_and_no_429_is_provoked()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2, o => o.Siem.StreamPacing = new MimecastCallPacing { Limit = 3, Window = TimeSpan.FromHours(1) });
        h.Server.Token();
        // The server enforces the quota like Mimecast: a fourth call within the hour is a 429.
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).InScenario("quota").WillSetStateTo("1")
            .RespondWith(Stubs.Json(SiemStubs.StreamPage([1], null, caughtUp: true)));
        for (var i = 1; i <= 3; i++)
        {
            var response = i < 3 ? Stubs.Json(SiemStubs.StreamPage([1], null, caughtUp: true)) : Response.Create().WithStatusCode(429).WithHeader("X-RateLimit-Reset", "3600000");
            h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).InScenario("quota").WhenStateIs($"{i}").WillSetStateTo($"{i + 1}").RespondWith(response);
        }

        for (var i = 0; i < 3; i++)
        {
            await h.Client.Siem.GetEventsPageAsync(null, null);
        }

        h.Time.Advance(TimeSpan.FromMinutes(10));
        var fourth = h.Client.Siem.GetEventsPageAsync(null, null);
        await h.Time.WaitForTimerAsync(TimeSpan.FromMinutes(50));

        Assert.False(fourth.IsCompleted);
        Assert.Equal(3, h.SentTo(SiemStubs.StreamPath).Count);
        h.Server.ResetScenario("quota"); // a new hour at the server
        h.Time.Advance(TimeSpan.FromMinutes(50));
        var page = await fourth.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(page.Events);
        Assert.Equal(4, h.SentTo(SiemStubs.StreamPath).Count);
        Assert.Equal(TimeSpan.FromHours(1), h.SentTo(SiemStubs.StreamPath)[3].At - h.SentTo(SiemStubs.StreamPath)[0].At);
        Assert.DoesNotContain(h.Server.LogEntries, e => e.ResponseMessage?.StatusCode is 429);
    }

    [Fact]
    public async Task Batch_listing_has_its_own_scarcer_pace_shared_by_clients_of_one_quota_owner()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2, o => o.Siem.BatchListPacing = new MimecastCallPacing { Limit = 2, Window = TimeSpan.FromMinutes(15) });
        h.Server.Token();
        h.Server.Given(SiemStubs.Get(SiemStubs.BatchPath)).RespondWith(Stubs.Json(SiemStubs.BatchListing([], "c", caughtUp: true)));
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).RespondWith(Stubs.Json(SiemStubs.StreamPage([1], null, caughtUp: true)));
        var query = new SiemBatchQuery(SiemEventType.Receipt);

        await h.Client.Siem.GetBatchPageAsync(query, null);
        await h.Client.Siem.GetBatchPageAsync(query, null);
        var third = h.Client.Siem.GetBatchPageAsync(query, null);
        await h.Time.WaitForTimerAsync(TimeSpan.FromMinutes(15));
        await h.Client.Siem.GetEventsPageAsync(null, null); // the stream family is not held by the batch pace

        Assert.False(third.IsCompleted);
        Assert.Equal(2, h.SentTo(SiemStubs.BatchPath).Count);
        h.Time.Advance(TimeSpan.FromMinutes(15));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, h.SentTo(SiemStubs.BatchPath).Count);
    }
}

using System.Net;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

/// <summary>The endpoint kit: a stateful per-item family (get-account), item limits, the generic records API and the "applied, answer lost" fault.</summary>
public sealed class EndpointKitTests
{
    private const string GetAccount = "/api/account/get-account";

    [Fact]
    public async Task Get_account_answers_the_accounts_seeded_record_on_both_generations_and_keeps_it()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply signed = await api.PostSignedAsync(GetAccount, """{"data":[]}""");
            Assert.Equal(HttpStatusCode.OK, signed.Status);
            Assert.Equal(200, signed.Json.GetProperty("meta").GetProperty("status").GetInt32());
            Assert.Empty(signed.Json.GetProperty("fail").EnumerateArray());
            JsonElement account = Assert.Single(signed.Json.GetProperty("data").EnumerateArray());
            Assert.StartsWith("C", account.GetProperty("accountCode").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(account.GetProperty("accountName").GetString()));
            Assert.Equal(JsonValueKind.Number, account.GetProperty("userCount").ValueKind);
            Assert.Equal(JsonValueKind.Array, account.GetProperty("packages").ValueKind);

            // API 2.0 bearer, one empty item: the same record (state kept per account, not regenerated per call).
            string token = await api.NewTokenAsync();
            using Reply bearer = await api.PostBearerAsync(GetAccount, """{"data":[{}]}""", token);
            Assert.Equal(HttpStatusCode.OK, bearer.Status);
            Assert.Equal(account.GetRawText(), bearer.Data0.GetRawText());
        }
    }

    [Fact]
    public async Task An_operation_refuses_more_items_than_it_takes_per_call_and_applies_none()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply reply = await api.PostSignedAsync(GetAccount, """{"data":[{},{}]}""");
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal(SimulatorErrorCodes.ItemCount, reply.FailCode);
            Assert.Empty(reply.Json.GetProperty("data").EnumerateArray());
        }
    }

    [Fact]
    public async Task Applied_answer_lost_carries_the_call_out_then_drops_the_connection_without_an_answer()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, GetAccount);
            await Assert.ThrowsAsync<HttpRequestException>(() => api.PostSignedAsync(GetAccount, """{"data":[]}"""));
            SimulatorJournalEntry lost = Assert.Single(sim.Journal.Entries);
            Assert.Equal(SimulatorFault.AppliedAnswerLost, lost.Fault);
            Assert.Equal(0, lost.StatusCode);
            Assert.Equal(1, lost.RecordCount); // the operation ran: its item was handled before the answer was dropped

            // A listing too: the page was walked (records counted), the answer never arrived; the next call is answered.
            sim.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, TestApi.UrlLogs);
            await Assert.ThrowsAsync<HttpRequestException>(() => api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(pageSize: 5)));
            Assert.Equal(5, sim.Journal.Entries[^1].RecordCount);
            using Reply next = await api.PostSignedAsync(GetAccount, """{"data":[]}""");
            Assert.Equal(HttpStatusCode.OK, next.Status);
        }
    }

    [Fact]
    public async Task Applied_answer_lost_is_enqueued_through_the_control_api()
    {
        await using ControlApiTests.Host host = await ControlApiTests.Host.StartAsync();
        JsonElement queued = await host.ControlAsync("_simulator/faults", $$"""{"fault":"applied-answer-lost","path":"{{GetAccount}}"}""");
        Assert.Equal(1, queued.GetProperty("pendingFaults").GetInt32());
        Assert.Equal(1, host.Sim.Faults.PendingCount);
    }

    [Fact]
    public async Task Records_of_every_kind_are_added_and_read_through_one_generic_api()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync(o => o.InitialUrlLogs = 0);
        await using (sim)
        using (api)
        {
            SimulatorRecords<SimulatorUrlLog> urls = sim.Records<SimulatorUrlLog>();
            Assert.Equal("url", urls.Kind);
            IReadOnlyList<SimulatorUrlLog> added = urls.Add(3, clock.GetUtcNow().AddMinutes(-5));
            SimulatorUrlLog one = urls.Add(new SimulatorUrlLog { Date = clock.GetUtcNow(), Url = "https://example.com/x" });
            Assert.Equal(4, urls.Count());
            Assert.Equal([.. added.Select(r => r.Sequence), one.Sequence], urls.All().Select(r => r.Sequence));

            SimulatorAuditEvent audit = Assert.Single(sim.Records<SimulatorAuditEvent>().Add(1));
            Assert.False(string.IsNullOrEmpty(audit.Id));
            Assert.Contains(sim.Records<SimulatorAuditEvent>().All(), e => e.Id == audit.Id);
            Assert.Equal("receipt", Assert.Single(sim.Records<SimulatorSiemEvent>().Add(1)).Type);

            Assert.Throws<ArgumentException>(() => sim.Records<string>());
        }
    }

    [Fact]
    public async Task The_records_control_route_refuses_an_unknown_kind()
    {
        await using ControlApiTests.Host host = await ControlApiTests.Host.StartAsync();
        using HttpResponseMessage refused = await host.SendAsync(HttpMethod.Post, "_simulator/records/no-such-kind", """{"count":1}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Held_messages_added_through_the_control_api_join_the_seeded_queue_and_report_their_ids()
    {
        await using ControlApiTests.Host host = await ControlApiTests.Host.StartAsync();
        JsonElement added = await host.ControlAsync("_simulator/records/held", """{"count":2,"at":"2026-11-01T08:00:00+0000"}""");

        string[] ids = [.. added.GetProperty("ids").EnumerateArray().Select(static e => e.GetString()!)];
        Assert.Equal(2, ids.Length);
        IReadOnlyList<SimulatorHeldMessage> queue = host.Sim.Records<SimulatorHeldMessage>().All();
        Assert.Equal(14, queue.Count); // the 12 seeded on first use, then the 2 added
        Assert.All(ids, id => Assert.Contains(queue, m => m.Id == id && m.DateReceived == new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero)));
    }
}

using System.Text.Json;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests.Siem;

public class AuditEventTests
{
    // The harness clock: 2026-11-24T10:03:07Z.
    private static readonly AuditEventQuery Query = new()
    {
        Start = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.FromHours(1)),
        Categories = ["authentication_logs", "policy_logs"],
        PageSize = 2,
    };

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Recorded_pages_replay_to_the_end_resending_the_same_data_with_the_token(MimecastApiGeneration generation)
    {
        await using var h = SdkHarness.Start(generation);
        h.Server.Token();
        h.Server.Given(Stubs.Post(SiemStubs.AuditPath)).AtPriority(10).RespondWith(Stubs.Json(SiemStubs.Fixture("audit-page1.json")));
        h.Server.Given(Stubs.Post(SiemStubs.AuditPath).WithBody(new WireMock.Matchers.WildcardMatcher("*\"pageToken\":\"audit-token-2\"*"))).AtPriority(1)
            .RespondWith(Stubs.Json(SiemStubs.Fixture("audit-page2.json")));

        var events = new List<AuditEvent>();
        await foreach (var e in h.Client.Audit.GetEventsAsync(Query))
        {
            events.Add(e);
        }

        Assert.Equal(["eNo1-aud-0001", "eNo1-aud-0002", "eNo1-aud-0003"], events.Select(e => e.Id));
        var first = events[0];
        Assert.Equal("Logon Authentication Failed", first.AuditType);
        Assert.Equal("admin@example.com", first.User);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 15, 30, TimeSpan.Zero), first.EventTime);
        Assert.Equal("authentication_logs", first.Category);
        Assert.StartsWith("Failed authentication", first.EventInfo, StringComparison.Ordinal);
        Assert.Equal("Console", first.ExtensionData!["source"].GetString());

        var sent = h.SentTo(SiemStubs.AuditPath);
        Assert.Equal(2, sent.Count);
        var data = sent.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetRawText()).ToList();
        Assert.Equal(data[0], data[1]); // the same data with the token
        Assert.Contains("\"startDateTime\":\"2026-11-23T00:00:00+0000\"", sent[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"endDateTime\":\"2026-11-24T00:00:00+0000\"", sent[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"categories\":[\"authentication_logs\",\"policy_logs\"]", sent[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"pageSize\":2", sent[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("pageToken", sent[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lookback_beyond_60_days_is_an_argument_error_before_any_request()
    {
        await using var h = SdkHarness.Start();
        var tooOld = new AuditEventQuery { Start = new DateTimeOffset(2026, 9, 24, 10, 0, 0, TimeSpan.Zero), End = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero) };
        var reversed = new AuditEventQuery { Start = Query.End, End = Query.Start };

        var e = Assert.Throws<ArgumentException>(() => h.Client.Audit.GetEventsAsync(tooOld));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Audit.GetEventsPageAsync(reversed, null));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Audit.GetEventsPageAsync(new AuditEventQuery(), null));

        Assert.Contains("60 days", e.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.LogEntries);
        // 60 days exactly is allowed.
        h.Server.Given(Stubs.Post(SiemStubs.AuditPath)).RespondWith(Stubs.Json("""{"meta":{"status":200},"data":[],"fail":[]}"""));
        var page = await h.Client.Audit.GetEventsPageAsync(new AuditEventQuery { Start = h.Time.GetUtcNow().AddDays(-60), End = h.Time.GetUtcNow() }, null);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task A_fail_in_the_envelope_is_a_typed_error_with_code_and_request_id()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(SiemStubs.AuditPath)).RespondWith(Stubs.Json(Stubs.Fail("err_audit_log_incorrect_region", "Wrong region")));

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Audit.GetEventsPageAsync(Query, null));

        Assert.Equal("err_audit_log_incorrect_region", e.ErrorCode);
        Assert.Equal(h.SentTo(SiemStubs.AuditPath)[0].Header("x-mc-req-id"), e.RequestId);
    }
}

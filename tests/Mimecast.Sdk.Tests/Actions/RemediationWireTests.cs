using System.Net;
using System.Text.Json;
using Mimecast.Sdk.Operations;
using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.ResponseBuilders;

namespace Mimecast.Sdk.Tests.Actions;

/// <summary>The remediation family's exact wire shapes on both generations, its failure channels and the lost-answer check.</summary>
public class RemediationWireTests
{
    internal const string CreatePath = "/api/ttp/remediation/create";
    internal const string FindPath = "/api/ttp/remediation/find-incidents";
    internal const string GetPath = "/api/ttp/remediation/get-incident";
    internal const string HashPath = "/api/ttp/remediation/search-hash";

    internal static string Incident(string id, string reason, string created = "2026-11-24T10:03:00+0000") =>
        $$"""{"id":"{{id}}","code":"TR-{{id}}","type":"automatic","reason":"{{reason}}","identified":3,"successful":2,"failed":1,"restored":0,"create":"{{created}}","modified":"{{created}}",""" +
        "\"searchCriteria\":{\"messageId\":\"<m@x>\",\"start\":\"2026-11-01T00:00:00+0000\",\"end\":\"2026-11-20T10:00:00+0000\"}}";

    internal static string Ok(string data) => $$"""{"meta":{"status":200},"data":[{{data}}],"fail":[]}""";

    internal static SdkHarness Start(MimecastApiGeneration generation)
    {
        var h = SdkHarness.Start(generation);
        h.Server.Token();
        return h;
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Create_by_message_id_wraps_the_id_in_angle_brackets_omits_unset_fields_and_sends_utc_dates(MimecastApiGeneration generation)
    {
        await using var h = Start(generation);
        h.Server.Given(Stubs.Post(CreatePath)).RespondWith(Stubs.Json(Ok(Incident("inc-1", "case-42"))));

        var incident = await h.Client.Remediation.CreateIncidentAsync(
            RemediationRequest.ByMessageId("abc@example.com", "case-42") with { Start = new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.FromHours(2)) });

        var sent = Assert.Single(h.SentTo(CreatePath));
        Assert.Equal("""{"data":[{"reason":"case-42","searchBy":"messageId","hashOrMessageId":"\u003Cabc@example.com\u003E","start":"2026-11-01T00:00:00+0000"}]}""", sent.Body);
        Assert.StartsWith(generation == MimecastApiGeneration.Api1 ? "MC " : "Bearer ", sent.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("inc-1", incident.Id);
        Assert.Equal(3, incident.Identified);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 3, 0, TimeSpan.Zero), incident.Created);
    }

    [Fact]
    public async Task Create_by_url_sends_url_and_no_hash_or_message_id()
    {
        await using var h = Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(CreatePath)).RespondWith(Stubs.Json(Ok(Incident("inc-2", "r"))));

        await h.Client.Remediation.CreateIncidentAsync(RemediationRequest.ByUrl("https://evil.example/x", "r"));

        Assert.Equal("""{"data":[{"reason":"r","searchBy":"url","url":"https://evil.example/x"}]}""", Assert.Single(h.SentTo(CreatePath)).Body);
    }

    [Fact]
    public async Task A_lost_create_answer_is_never_resent_and_one_incident_with_the_reason_is_the_result()
    {
        await using var h = Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(CreatePath)).RespondWith(Stubs.Json(Stubs.Fail("err_internal", "down", true, 503), 503));
        h.Server.Given(Stubs.Post(FindPath)).RespondWith(Stubs.Json(Ok($$"""{"incidents":[{{Incident("inc-9", "case-42 other")}},{{Incident("inc-7", "case-42")}}]}""")));

        var incident = await h.Client.Remediation.CreateIncidentAsync(RemediationRequest.ByHash("5d41402abc4b2a76b9719d911017c592", "case-42"));

        Assert.Equal("inc-7", incident.Id);
        Assert.Single(h.SentTo(CreatePath));
        var find = Assert.Single(h.SentTo(FindPath));
        Assert.Equal("""{"data":[{"start":"2026-11-24T09:58:07+0000","end":"2026-11-24T10:08:07+0000","searchBy":{"fieldName":"reason","value":"case-42"}}]}""", find.Body);
    }

    [Fact]
    public async Task A_cut_connection_after_sending_with_no_incident_found_says_not_executed()
    {
        await using var h = Start(MimecastApiGeneration.Api2);
        h.Drops[CreatePath] = 1;
        h.Server.Given(Stubs.Post(FindPath)).RespondWith(Stubs.Json(Ok("""{"incidents":[]}""")));

        var e = await Assert.ThrowsAsync<MimecastNotExecutedException>(() => h.Client.Remediation.CreateIncidentAsync(RemediationRequest.ByHash("abc", "case-1")));

        Assert.IsType<MimecastOutcomeUnknownException>(e.InnerException);
        Assert.Single(h.SentTo(CreatePath));
        Assert.Equal(0, h.Received(CreatePath));
        AssertNoSecretInLogs(h);
    }

    [Fact]
    public async Task Several_incidents_with_the_reason_leave_the_outcome_unknown_with_what_to_check()
    {
        await using var h = Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(CreatePath)).RespondWith(Response.Create().WithStatusCode(504));
        h.Server.Given(Stubs.Post(FindPath)).RespondWith(Stubs.Json(Ok($$"""{"incidents":[{{Incident("a", "dup")}},{{Incident("b", "dup")}}]}""")));

        var e = await Assert.ThrowsAsync<MimecastOutcomeUnknownException>(() => h.Client.Remediation.CreateIncidentAsync(RemediationRequest.ByUrl("https://x.example", "dup")));

        Assert.Contains("TR-a", e.WhatToCheck, StringComparison.Ordinal);
        Assert.Equal("remediation-create", e.Operation);
        Assert.Single(h.SentTo(CreatePath));
    }

    [Fact]
    public async Task A_failed_lookup_reports_the_original_unknown_outcome()
    {
        await using var h = Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(CreatePath)).RespondWith(Response.Create().WithStatusCode(500));
        h.Server.Given(Stubs.Post(FindPath)).RespondWith(Stubs.Json("""{"meta":{"status":403},"data":[],"fail":[]}"""));

        var e = await Assert.ThrowsAsync<MimecastOutcomeUnknownException>(() => h.Client.Remediation.CreateIncidentAsync(RemediationRequest.ByHash("abc", "r")));

        Assert.Contains("FindIncidentsAsync", e.WhatToCheck, StringComparison.Ordinal);
        Assert.Single(h.SentTo(CreatePath));
    }

    [Fact]
    public async Task Find_incidents_falls_back_to_the_array_shape_when_the_object_shape_is_refused_and_reads_incidents_directly_in_data()
    {
        await using var h = Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(FindPath)).InScenario("shape").WillSetStateTo("arrays")
            .RespondWith(Stubs.Json("""{"meta":{"status":200},"data":[],"fail":[{"key":{},"errors":[{"code":"err_validation_invalid_value","message":"bad","retryable":false,"field":"searchBy"}]}]}"""));
        h.Server.Given(Stubs.Post(FindPath)).InScenario("shape").WhenStateIs("arrays")
            .RespondWith(Stubs.Json($$"""{"meta":{"status":200},"data":[{{Incident("x", "r1")}},{{Incident("y", "r2")}}],"fail":[]}"""));

        var found = await h.Client.Remediation.FindIncidentsAsync(new RemediationIncidentQuery { SearchField = "code", SearchValue = "TR-1", Types = ["automatic"] });

        Assert.Equal(["x", "y"], found.Select(i => i.Id));
        var sent = h.SentTo(FindPath);
        Assert.Equal(2, sent.Count);
        Assert.Equal("""{"data":[{"searchBy":{"fieldName":"code","value":"TR-1"},"filterBy":[{"type":"automatic"}]}]}""", sent[0].Body);
        Assert.Equal("""{"data":[{"searchBy":[{"fieldName":"code","value":"TR-1"}],"filterBy":[{"fieldName":"type","value":"automatic"}]}]}""", sent[1].Body);

        // The client keeps the shape Mimecast accepted.
        await h.Client.Remediation.FindIncidentsAsync(new RemediationIncidentQuery { SearchValue = "r" });
        Assert.StartsWith("""{"data":[{"searchBy":[""", h.SentTo(FindPath)[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_incidents_needs_at_least_one_field()
    {
        await using var h = Start(MimecastApiGeneration.Api1);

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Remediation.FindIncidentsAsync(new RemediationIncidentQuery()));
        Assert.Empty(h.Sent);
    }

    [Fact]
    public async Task Get_incidents_splits_into_calls_of_25_and_reports_an_unknown_id_as_a_failed_item()
    {
        await using var h = Start(MimecastApiGeneration.Api1);
        var ids = Enumerable.Range(0, 30).Select(i => "id" + i).ToList();
        // One answer for every call: the entries of the ids a call did not carry are not matched to its items.
        var data = string.Join(",", ids.Where(i => i != "id7").Select(i => Incident(i, "r")));
        h.Server.Given(Stubs.Post(GetPath)).RespondWith(Stubs.Json($$"""{"meta":{"status":200},"data":[{{data}}],"fail":[{"key":{"id":"id7"},"errors":[{"code":"err_remediation_incident_not_found","message":"nf","retryable":false}]}]}"""));

        var result = await h.Client.Remediation.GetIncidentsAsync(ids);

        Assert.Equal([25, 5], h.SentTo(GetPath).Select(s => JsonDocument.Parse(s.Body).RootElement.GetProperty("data").GetArrayLength()));
        Assert.Equal(ids, result.Items.Select(i => i.Item));
        var failed = Assert.Single(result.Failed);
        Assert.Equal("id7", failed.Item);
        Assert.Equal("err_remediation_incident_not_found", failed.Error!.Code);
        Assert.Equal("id8", result.Items[8].Result!.Id);
        Assert.Throws<MimecastBulkException>(() => result.EnsureSuccess());
    }

    [Fact]
    public async Task Search_hashes_sends_at_most_20_per_call_under_2048_bytes_and_merges_the_results()
    {
        await using var h = Start(MimecastApiGeneration.Api2);
        var hashes = Enumerable.Range(0, 45).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([(byte)i]))).ToList();
        h.Server.Given(Stubs.Post(HashPath)).RespondWith(Stubs.Json(Ok("""{"hashStatus":[{"hash":"h1","detected":true},{"hash":"h2","detected":false}],"failedHashes":["bad"]}""")));

        var result = await h.Client.Remediation.SearchHashesAsync(hashes);

        var sent = h.SentTo(HashPath);
        Assert.Equal([20, 20, 5], sent.Select(s => JsonDocument.Parse(s.Body).RootElement.GetProperty("data")[0].GetProperty("hashes").GetArrayLength()));
        Assert.All(sent, s => Assert.True(System.Text.Encoding.UTF8.GetByteCount(s.Body) <= 2048));
        Assert.Equal(hashes, sent.SelectMany(s => JsonDocument.Parse(s.Body).RootElement.GetProperty("data")[0].GetProperty("hashes").EnumerateArray().Select(e => e.GetString())));
        Assert.Equal(6, result.Statuses.Count);
        Assert.Equal(["h1", "h1", "h1"], result.Detected);
        Assert.Equal(["bad", "bad", "bad"], result.FailedHashes);
    }

    [Fact]
    public async Task Search_hashes_keeps_long_hashes_under_the_byte_limit()
    {
        var hashes = Enumerable.Range(0, 20).Select(i => new string('a', 120) + i).ToList();

        var chunks = Mimecast.Sdk.Tests.Actions.HashChunkProbe.Chunks(hashes);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(24 + c.Sum(x => x.Length + 3) <= 2048));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_function_failure_in_meta_status_with_an_empty_fail_is_typed()
    {
        await using var h = Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(HashPath)).RespondWith(Stubs.Json("""{"meta":{"status":403},"data":[],"fail":[]}"""));

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Remediation.SearchHashesAsync(["abc"]));

        Assert.Equal(403, e.FunctionStatus);
        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
    }

    internal static void AssertNoSecretInLogs(SdkHarness h)
    {
        var texts = h.Logs.GetSnapshot().SelectMany(r => new[] { r.Message, r.Exception?.ToString() ?? "" }.Concat(r.StructuredState?.Select(kv => kv.Value ?? "") ?? [])).ToList();
        Assert.NotEmpty(texts);
        foreach (var secret in new[] { SdkHarness.SecretKey, SdkHarness.AccessKey, SdkHarness.ClientSecret, SdkHarness.AppKey, "bearer-token-A" })
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }
    }
}

/// <summary>Reaches the internal hash chunker (InternalsVisibleTo) for the byte-limit rule alone.</summary>
internal static class HashChunkProbe
{
    public static List<List<string>> Chunks(IReadOnlyList<string> hashes) => [.. RemediationClient.HashChunks(hashes)];
}

using System.Net;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

/// <summary>The URL and sender families of the simulator on the wire: item limits, error shapes, per-account state.</summary>
public sealed class UrlAndSenderEndpointTests
{
    private static string Items(int count, Func<int, string> item) => "{\"data\":[" + string.Join(",", Enumerable.Range(0, count).Select(item)) + "]}";

    [Fact]
    public async Task Decode_and_permit_or_block_refuse_more_items_than_documented_and_apply_none()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply decode = await api.PostSignedAsync("/api/ttp/url/decode-url", Items(26, i => $$"""{"url":"https://x.example/{{i}}"}"""));
            using Reply senders = await api.PostSignedAsync("/api/managedsender/permit-or-block-sender",
                Items(101, i => $$"""{"sender":"s{{i}}@spam.example","to":"soc@example.com","action":"block"}"""));
            using Reply after = await api.PostSignedAsync("/api/managedsender/permit-or-block-sender", Items(1, _ => """{"sender":"s0@spam.example","to":"soc@example.com","action":"permit"}"""));

            Assert.Equal(HttpStatusCode.BadRequest, decode.Status);
            Assert.Equal(SimulatorErrorCodes.ItemCount, decode.FailCode);
            Assert.Equal(HttpStatusCode.BadRequest, senders.Status);
            Assert.Equal("Permit", after.Data0.GetProperty("type").GetString());
            Assert.StartsWith("MTOKEN:eNo", after.Data0.GetProperty("id").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Decode_turns_a_simulator_link_back_and_answers_success_false_for_others()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            string link = SimulatorUrls.Rewrite("https://orig.example/a?b=c");
            using Reply reply = await api.PostSignedAsync("/api/ttp/url/decode-url", $$"""{"data":[{"url":"{{link}}"},{"url":"https://other.example/"}]}""");

            JsonElement[] data = [.. reply.Json.GetProperty("data").EnumerateArray()];
            Assert.Equal("https://orig.example/a?b=c", data[0].GetProperty("url").GetString());
            Assert.True(data[0].GetProperty("success").GetBoolean());
            Assert.False(data[1].GetProperty("success").GetBoolean());
        }
    }

    [Fact]
    public async Task The_control_api_makes_a_rewritten_link_that_decode_url_turns_back()
    {
        await using ControlApiTests.Host host = await ControlApiTests.Host.StartAsync();
        JsonElement made = await host.ControlAsync("_simulator/urls/rewrite", """{"url":"https://orig.example/p"}""");

        Assert.Equal(SimulatorUrls.Rewrite("https://orig.example/p"), made.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Managed_url_duplicate_and_unknown_delete_answer_mimecasts_codes()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            const string Create = """{"data":[{"url":"https://evil.example/x","action":"block"}]}""";
            using Reply first = await api.PostSignedAsync("/api/ttp/url/create-managed-url", Create);
            using Reply second = await api.PostSignedAsync("/api/ttp/url/create-managed-url", Create);
            using Reply delete = await api.PostSignedAsync("/api/ttp/url/delete-managed-url", """{"data":[{"id":"eNoUnknown"}]}""");

            Assert.StartsWith("eNo", first.Data0.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, second.Status);
            Assert.Equal("err_managed_url_exists_code", second.FailCode);
            Assert.Equal("err_managed_url_not_found", delete.FailCode);
            Assert.False(delete.Json.GetProperty("fail")[0].TryGetProperty("key", out _)); // Mimecast sends no key here
        }
    }

    [Fact]
    public async Task Policies_are_not_deduplicated_and_an_unknown_delete_is_meta_status_404_with_an_empty_fail()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            const string Create = """{"data":[{"option":"block_sender","policy":{"description":"d","fromType":"email_domain","fromValue":"spam.example","toType":"everyone"}}]}""";
            using Reply a = await api.PostSignedAsync("/api/policy/blockedsenders/create-policy", Create);
            using Reply b = await api.PostSignedAsync("/api/policy/blockedsenders/create-policy", Create);
            using Reply all = await api.PostSignedAsync("/api/policy/blockedsenders/get-policy", """{"data":[]}""");
            using Reply gone = await api.PostSignedAsync("/api/policy/blockedsenders/delete-policy", """{"data":[{"id":"eNoUnknown"}]}""");

            Assert.NotEqual(a.Data0.GetProperty("id").GetString(), b.Data0.GetProperty("id").GetString());
            Assert.Equal("spam.example", a.Data0.GetProperty("policy").GetProperty("from").GetProperty("emailDomain").GetString());
            Assert.Equal(2, all.Json.GetProperty("data").GetArrayLength());
            Assert.Equal(HttpStatusCode.OK, gone.Status);
            Assert.Equal(404, gone.Json.GetProperty("meta").GetProperty("status").GetInt32());
            Assert.Empty(gone.Json.GetProperty("fail").EnumerateArray());
        }
    }
}

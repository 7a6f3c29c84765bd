using System.Net;
using System.Text;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class HmacAuthTests
{
    [Fact]
    public async Task Correctly_signed_request_is_served()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(200, reply.Json.GetProperty("meta").GetProperty("status").GetInt32());
            Assert.Equal(100, reply.Data0.GetProperty("clickLogs").GetArrayLength());
            Assert.Empty(reply.Json.GetProperty("fail").EnumerateArray());
        }
    }

    [Fact]
    public async Task Wrong_secret_is_refused_as_invalid_signature()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            Keys wrong = Keys.Demo with { SecretKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("not-the-secret")) };
            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
            Assert.Equal(SimulatorErrorCodes.InvalidSignature, reply.FailCode);
            Assert.False(reply.FailError.GetProperty("retryable").GetBoolean());
            Assert.False(reply.Json.GetProperty("data").EnumerateArray().Any());
        }
    }

    [Fact]
    public async Task Wrong_app_key_or_path_breaks_the_signature()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply wrongKey = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo with { AppKey = "other" });
            Assert.Equal(SimulatorErrorCodes.InvalidSignature, wrongKey.FailCode);

            HttpRequestMessage signedForOtherPath = api.Signed(TestApi.AttachmentLogs, TestApi.Envelope(), Keys.Demo);
            signedForOtherPath.RequestUri = new Uri(TestApi.UrlLogs.TrimStart('/'), UriKind.Relative);
            using Reply wrongPath = await api.SendAsync(signedForOtherPath);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongPath.Status);
            Assert.Equal(SimulatorErrorCodes.InvalidSignature, wrongPath.FailCode);
        }
    }

    [Fact]
    public async Task Stale_date_is_refused_after_fake_time_advances()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            DateTimeOffset signedAt = clock.GetUtcNow();
            clock.Advance(TimeSpan.FromMinutes(14));
            using Reply withinSkew = await api.SendAsync(api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo, date: signedAt));
            Assert.Equal(HttpStatusCode.OK, withinSkew.Status);

            clock.Advance(TimeSpan.FromMinutes(2));
            using Reply stale = await api.SendAsync(api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo, date: signedAt));
            Assert.Equal(HttpStatusCode.Unauthorized, stale.Status);
            Assert.Equal(SimulatorErrorCodes.InvalidDate, stale.FailCode);

            using Reply future = await api.SendAsync(api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo, date: clock.GetUtcNow().AddMinutes(16)));
            Assert.Equal(SimulatorErrorCodes.InvalidDate, future.FailCode);
        }
    }

    [Theory]
    [InlineData("GMT")]
    [InlineData("UTC")]
    public async Task X_mc_date_ending_in_GMT_or_UTC_is_accepted_like_Mimecast_does(string zone)
    {
        // Mimecast's German documentation shows the RFC 1123 "GMT" form and a published PowerShell module sends it:
        // a client signing that way must work against the simulator too (the SDK itself keeps sending "UTC").
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            string date = clock.GetUtcNow().UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " " + zone;
            using Reply reply = await api.SendAsync(api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo, dateText: date));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Null(reply.FailCode);
        }
    }

    [Theory]
    [InlineData("2026-11-24T10:00:00Z")]
    [InlineData("Tue, 24 Nov 2026 10:00:00 CET")]
    public async Task X_mc_date_in_another_form_is_refused_as_bad_date_format(string date)
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply reply = await api.SendAsync(api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo, dateText: date));
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal(SimulatorErrorCodes.InvalidDateFormat, reply.FailCode);
        }
    }

    [Fact]
    public async Task Wrong_app_id_is_refused_as_developer_key()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo with { AppId = "00000000-0000-0000-0000-000000000000" });
            Assert.Equal(HttpStatusCode.OK, reply.Status); // as real Mimecast: HTTP 200 with a fail entry (see FidelityTests)
            Assert.Equal(SimulatorErrorCodes.DeveloperKey, reply.FailCode);
        }
    }

    [Fact]
    public async Task Unknown_access_key_missing_headers_and_wrong_scheme_are_refused()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply unknown = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo with { AccessKey = "nope" });
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
            Assert.Equal(SimulatorErrorCodes.InvalidAccessKey, unknown.FailCode);

            HttpRequestMessage noReqId = api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo);
            noReqId.Headers.Remove("x-mc-req-id");
            using Reply missing = await api.SendAsync(noReqId);
            Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
            Assert.Equal(SimulatorErrorCodes.MissingHeaders, missing.FailCode);

            HttpRequestMessage noAuth = api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo);
            noAuth.Headers.Remove("Authorization");
            using Reply missingAuth = await api.SendAsync(noAuth);
            Assert.Equal(HttpStatusCode.BadRequest, missingAuth.Status);

            HttpRequestMessage basic = api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo);
            basic.Headers.Remove("Authorization");
            basic.Headers.TryAddWithoutValidation("Authorization", "Basic Zm9vOmJhcg==");
            using Reply wrongScheme = await api.SendAsync(basic);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongScheme.Status);
            Assert.Equal(SimulatorErrorCodes.InvalidAuthorization, wrongScheme.FailCode);
        }
    }

    [Fact]
    public async Task Replayed_request_id_is_refused()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            const string id = "6f1c0f4e-7a51-4a44-9a55-0d6a7f6f0001";
            using Reply first = await api.SendAsync(api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo, reqId: id));
            Assert.Equal(HttpStatusCode.OK, first.Status);
            using Reply replay = await api.SendAsync(api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Demo, reqId: id));
            Assert.Equal(HttpStatusCode.Unauthorized, replay.Status);
            Assert.Equal(SimulatorErrorCodes.DuplicateRequestId, replay.FailCode);
        }
    }

    [Fact]
    public async Task Expired_binding_answers_418()
    {
        (MimecastSimulator sim, var clock, TestApi api) = await TestApi.StartAsync(o => o.BindingLifetime = TimeSpan.FromHours(12));
        await using (sim)
        using (api)
        {
            clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));
            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope());
            Assert.Equal((HttpStatusCode)418, reply.Status);
            Assert.Equal(SimulatorErrorCodes.BindingExpired, reply.FailCode);
        }
    }

    [Fact]
    public async Task Not_post_answers_405_and_unknown_path_404()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply get = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, TestApi.UrlLogs.TrimStart('/')));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.Status);
            Assert.Equal(SimulatorErrorCodes.MethodNotAllowed, get.FailCode);
            Assert.Equal(405, get.Json.GetProperty("meta").GetProperty("status").GetInt32());

            using Reply missing = await api.PostSignedAsync("/api/nope", TestApi.Envelope());
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
            Assert.Equal(SimulatorErrorCodes.NotFound, missing.FailCode);
        }
    }

    [Fact]
    public async Task Malformed_body_is_a_400()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply reply = await api.PostSignedAsync(TestApi.UrlLogs, "{\"data\":[{");
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal(SimulatorErrorCodes.MalformedRequest, reply.FailCode);
        }
    }
}

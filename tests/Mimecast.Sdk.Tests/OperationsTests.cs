using System.Text;
using System.Text.Json;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests;

public class OperationsTests
{
    private const string Discover = "/api/login/discover-authentication";
    private const string Login = "/api/login/login";

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Discover_authentication_sends_the_email_with_app_id_and_no_authorization(MimecastApiGeneration generation)
    {
        await using var h = SdkHarness.Start(generation);
        h.Server.Given(Stubs.Post(Discover)).RespondWith(Stubs.Json("""
            {"meta":{"status":200},"data":[{"emailAddress":"soc@example.com","authenticate":["cloud","domain"],"authenticateFallback":["cloud"],
              "emailToken":"tok","region":{"api":"https://eu-api.mimecast.com","name":"EU"},"newField":42}],"fail":[]}
            """));

        var info = await h.Client.Login.DiscoverAuthenticationAsync("soc@example.com");

        Assert.Equal(["cloud", "domain"], info.Authenticate);
        Assert.Equal(new Uri("https://eu-api.mimecast.com"), info.RegionalBaseUrl);
        Assert.Equal(42, info.AdditionalProperties!["newField"].GetInt32());
        Assert.Equal("EU", info.Region!.AdditionalProperties!["name"].GetString());
        var sent = Assert.Single(h.SentTo(Discover));
        Assert.Null(sent.Header("Authorization"));
        Assert.Equal(SdkHarness.AppId, sent.Header("x-mc-app-id"));
        Assert.NotNull(sent.Header("x-mc-date"));
        Assert.NotNull(sent.Header("x-mc-req-id"));
        Assert.Equal("""{"data":[{"emailAddress":"soc@example.com"}]}""", sent.Body);
        Assert.Equal(0, h.Received("/oauth/token"));
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1, MimecastAuthType.Cloud, "Basic-Cloud")]
    [InlineData(MimecastApiGeneration.Api1, MimecastAuthType.Domain, "Basic-AD")]
    [InlineData(MimecastApiGeneration.Api2, MimecastAuthType.Cloud, "Basic-Cloud")]
    public async Task Login_sends_basic_user_credentials_and_returns_the_binding(MimecastApiGeneration generation, MimecastAuthType type, string scheme)
    {
        await using var h = SdkHarness.Start(generation);
        h.Server.Given(Stubs.Post(Login)).RespondWith(Stubs.Json("""
            {"meta":{"status":200},"data":[{"accessKey":"new-access","secretKey":"bmV3LXNlY3JldA==","duration":259200000,"bindingType":"one_step","username":"soc@example.com","extendOnValidate":true}],"fail":[]}
            """));

        var key = await h.Client.Login.LoginAsync(new MimecastUserCredentials("soc@example.com", "P@ss:w0rd", type));

        Assert.Equal("new-access", key.AccessKey);
        Assert.Equal("bmV3LXNlY3JldA==", key.SecretKey);
        Assert.Equal(TimeSpan.FromDays(3), key.Lifetime);
        Assert.True(key.ExtendOnValidate);
        var sent = Assert.Single(h.SentTo(Login));
        Assert.Equal($"{scheme} {Convert.ToBase64String(Encoding.UTF8.GetBytes("soc@example.com:P@ss:w0rd"))}", sent.Header("Authorization"));
        Assert.Equal(SdkHarness.AppId, sent.Header("x-mc-app-id"));
        Assert.Equal("""{"data":[{"userName":"soc@example.com"}]}""", sent.Body);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Refresh_sends_the_access_key_to_extend(MimecastApiGeneration generation)
    {
        await using var h = SdkHarness.Start(generation);
        h.Server.Given(Stubs.Post(Login)).RespondWith(Stubs.Json("""
            {"meta":{"status":200},"data":[{"accessKey":"existing-key","secretKey":"c2VjcmV0","duration":43200000}],"fail":[]}
            """));

        var key = await h.Client.Login.RefreshTokenAsync(new MimecastUserCredentials("soc@example.com", "pw"), "existing-key");

        Assert.Equal("existing-key", key.AccessKey);
        Assert.Equal(TimeSpan.FromHours(12), key.Lifetime);
        Assert.Equal("""{"data":[{"userName":"soc@example.com","accessKey":"existing-key"}]}""", Assert.Single(h.SentTo(Login)).Body);
    }

    [Fact]
    public async Task Wrong_password_at_login_throws_the_authentication_exception()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Login)).RespondWith(Stubs.Json(Stubs.Fail("err_xdk_invalid_credentials", "Invalid credentials", false, 401), 401));

        var e = await Assert.ThrowsAsync<MimecastAuthenticationException>(() => h.Client.Login.LoginAsync(new MimecastUserCredentials("soc@example.com", "wrong-password-123")));

        Assert.Equal("err_xdk_invalid_credentials", e.ErrorCode);
        Assert.DoesNotContain("wrong-password-123", e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Url_logs_are_requested_with_the_query_and_decoded(MimecastApiGeneration generation)
    {
        await using var h = SdkHarness.Start(generation);
        h.Server.Token();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json("""
            {"meta":{"status":200,"pagination":{"pageSize":1,"totalCount":1}},"data":[{"clickLogs":[{"userEmailAddress":"a@example.com","fromUserEmailAddress":"b@evil.example",
              "url":"https://evil.example/x","ttpDefinition":"Default","subject":"Invoice","action":"block","adminOverride":"N/A","userOverride":"None","scanResult":"malicious",
              "category":"Phishing","sendingIp":"203.0.113.7","userAwarenessAction":"NA","date":"2026-11-20T10:03:07+0000","actions":"Block","route":"inbound",
              "creationMethod":"User Click","emailPartsDescription":["Body"],"messageId":"<m1@example.com>","tagMap":{"UrlScan":{"Category":["Phishing"]}},"futureField":{"x":1}}]}],"fail":[]}
            """));

        var page = await h.Client.Ttp.GetUrlLogsPageAsync(new TtpUrlLogQuery
        {
            From = new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.FromHours(1)),
            To = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero),
            Route = TtpRoutes.Inbound, ScanResult = "malicious", OldestFirst = true, PageSize = 50,
        }, null);

        var log = Assert.Single(page.Items);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 3, 7, TimeSpan.Zero), log.Date);
        Assert.Equal(["Body"], log.EmailPartsDescription);
        Assert.Equal(["Phishing"], log.TagMap!["UrlScan"]["Category"]);
        Assert.True(log.AdditionalProperties!.ContainsKey("futureField"));
        Assert.Equal(1, page.TotalCount);
        var sent = Assert.Single(h.SentTo(Stubs.UrlPath));
        Assert.Equal("""{"meta":{"pagination":{"pageSize":50}},"data":[{"route":"inbound","scanResult":"malicious","from":"2026-11-20T00:00:00+0000","to":"2026-11-21T00:00:00+0000","oldestFirst":true}]}""", sent.Body);
        AssertAuthenticated(sent, generation);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Attachment_logs_are_streamed_and_decoded(MimecastApiGeneration generation)
    {
        await using var h = SdkHarness.Start(generation);
        h.Server.Token();
        h.Server.Given(Stubs.Post(Stubs.AttachmentPath)).RespondWith(Stubs.Json("""
            {"meta":{"status":200,"pagination":{"pageSize":2}},"data":[{"attachmentLogs":[
              {"result":"malicious","date":"2026-11-20T10:03:07Z","senderAddress":"x@evil.example","fileName":"inv.docm","actionTriggered":"message deferred","route":"inbound",
               "details":"Macro","recipientAddress":"a@example.com","fileType":"docm","definition":"Default","messageId":"<m2@example.com>","fileHash":"abc123","subject":"Invoice"},
              {"result":"safe","date":"2026-11-20T10:03:08+00:00","fileName":"a.pdf"}]}],"fail":[]}
            """));

        var logs = new List<TtpAttachmentLog>();
        await foreach (var log in h.Client.Ttp.GetAttachmentLogsAsync(new TtpAttachmentLogQuery { Result = "all" }))
        {
            logs.Add(log);
        }

        Assert.Equal(["inv.docm", "a.pdf"], logs.Select(l => l.FileName));
        Assert.Equal("abc123", logs[0].FileHash);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 3, 8, TimeSpan.Zero), logs[1].Date);
        var sent = Assert.Single(h.SentTo(Stubs.AttachmentPath));
        Assert.Contains("\"result\":\"all\"", sent.Body, StringComparison.Ordinal);
        AssertAuthenticated(sent, generation);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Impersonation_logs_are_requested_with_their_filters_and_decoded(MimecastApiGeneration generation)
    {
        await using var h = SdkHarness.Start(generation);
        h.Server.Token();
        h.Server.Given(Stubs.Post(Stubs.ImpersonationPath)).RespondWith(Stubs.Json("""
            {"meta":{"status":200,"pagination":{"pageSize":1}},"data":[{"impersonationLogs":[{"id":"imp-1","senderAddress":"ceo@examp1e.com","recipientAddress":"cfo@example.com",
              "subject":"Wire","definition":"Default","hits":2,"identifiers":["similar_internal_domain","newly_observed_domain"],"action":"hold","taggedExternal":true,"taggedMalicious":false,
              "senderIpAddress":"198.51.100.1","eventTime":"2026-11-20T10:03:07+0000","messageId":"<m3@example.com>",
              "impersonationResults":[{"impersonationDomainSource":"internal","checkerResult":"hit","similarDomain":"example.com","stringSimilarToDomain":"examp1e.com"}]}],"resultCount":1}],"fail":[]}
            """));

        var page = await h.Client.Ttp.GetImpersonationLogsPageAsync(new TtpImpersonationLogQuery
        {
            TaggedMalicious = false, Identifiers = ["newly_observed_domain"], Actions = ["hold"], SearchField = "senderAddress", Query = "ceo",
        }, "page-2");

        var log = Assert.Single(page.Items);
        Assert.Equal("imp-1", log.Id);
        Assert.Equal(2, log.Hits);
        Assert.True(log.TaggedExternal);
        Assert.Equal("examp1e.com", log.ImpersonationResults![0].StringSimilarToDomain);
        var sent = Assert.Single(h.SentTo(Stubs.ImpersonationPath));
        Assert.Equal("""{"meta":{"pagination":{"pageSize":100,"pageToken":"page-2"}},"data":[{"searchField":"senderAddress","query":"ceo","identifiers":["newly_observed_domain"],"actions":["hold"],"taggedMalicious":false}]}""", sent.Body);
        AssertAuthenticated(sent, generation);
    }

    [Theory]
    [InlineData("2026-11-20T10:03:07+0000")]
    [InlineData("2026-11-20T10:03:07Z")]
    [InlineData("2026-11-20T10:03:07+00:00")]
    [InlineData("2026-11-20T11:03:07+0100")]
    [InlineData("2026-11-20T05:03:07-0500")]
    [InlineData("2026-11-20T10:03:07.000+0000")]
    public void Record_dates_are_parsed_tolerantly(string text)
    {
        var log = JsonSerializer.Deserialize($$"""{"date":"{{text}}"}""", MimecastJsonContext.Default.TtpUrlLog)!;

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 3, 7, TimeSpan.Zero), log.Date!.Value.ToUniversalTime());
    }

    [Fact]
    public void A_garbled_record_date_is_a_json_error_not_a_silent_null()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"date":"yesterday-ish"}""", MimecastJsonContext.Default.TtpUrlLog));
    }

    private static void AssertAuthenticated(SentRequest sent, MimecastApiGeneration generation)
    {
        var authorization = sent.Header("Authorization")!;
        if (generation == MimecastApiGeneration.Api1)
        {
            Assert.StartsWith($"MC {SdkHarness.AccessKey}:", authorization, StringComparison.Ordinal);
            Assert.Equal(SdkHarness.AppId, sent.Header("x-mc-app-id"));
        }
        else
        {
            Assert.Equal("Bearer bearer-token-A", authorization);
        }

        Assert.True(Guid.TryParse(sent.Header("x-mc-req-id"), out _));
    }
}

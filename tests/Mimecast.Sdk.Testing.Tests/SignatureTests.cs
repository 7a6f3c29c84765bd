using System.Net;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class SignatureTests
{
    [Fact]
    public void Go_client_vector_matches()
    {
        string sig = MimecastSignature.Compute("U2VjcmV0S2V5", "Sun, 21 Aug 2022 13:49:40 UTC", "3d796b76-4180-40e5-8f7c-6e0fd643b1a9", "/api/test/some-url", "ApplicationKey");
        Assert.Equal("MC AccessKey:WOywLsnZlsE+D6bp/ug6uch5kxc=", $"MC AccessKey:{sig}");
        Assert.True(MimecastSignature.Verify(Convert.FromBase64String("U2VjcmV0S2V5"), "Sun, 21 Aug 2022 13:49:40 UTC", "3d796b76-4180-40e5-8f7c-6e0fd643b1a9", "/api/test/some-url", "ApplicationKey", "WOywLsnZlsE+D6bp/ug6uch5kxc="));
    }

    [Fact]
    public void Worked_vector_matches_and_test_signer_agrees()
    {
        const string secret = "c3VwZXItc2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=";
        const string date = "Tue, 24 Nov 2026 10:03:07 UTC";
        const string reqId = "0f8fad5b-d9cb-469f-a165-70867728950e";
        const string appKey = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
        Assert.Equal("OAlSxq4B5Hnx4XyZaknnYPgtnGQ=", MimecastSignature.Compute(secret, date, reqId, "/api/ttp/url/get-logs", appKey));
        Assert.Equal("OAlSxq4B5Hnx4XyZaknnYPgtnGQ=", TestSigner.Signature(secret, date, reqId, "/api/ttp/url/get-logs", appKey));
        Assert.True(MimecastSignature.Verify(Convert.FromBase64String(secret), date, reqId, "/api/ttp/url/get-logs", appKey, "OAlSxq4B5Hnx4XyZaknnYPgtnGQ="));
        Assert.False(MimecastSignature.Verify(Convert.FromBase64String(secret), date, reqId, "/api/ttp/url/get-logs", appKey, "OAlSxq4B5Hnx4XyZaknnYPgtnGQ"));
        Assert.False(MimecastSignature.Verify(Convert.FromBase64String(secret), date.Replace("UTC", "GMT", StringComparison.Ordinal), reqId, "/api/ttp/url/get-logs", appKey, "OAlSxq4B5Hnx4XyZaknnYPgtnGQ="));
        Assert.Equal(date, TestSigner.Date(TestApi.Start));
        Assert.Equal(date, MimecastSignature.FormatDate(TestApi.Start));
    }

    [Theory]
    [InlineData("Tue, 24 Nov 2026 10:03:07 UTC", true)]
    [InlineData("Tue, 24 Nov 2026 10:03:07 GMT", true)]
    [InlineData("Wed, 24 Nov 2026 10:03:07 UTC", false)]
    [InlineData("2026-11-24T10:03:07Z", false)]
    public void Date_header_format_is_exact(string text, bool ok) =>
        Assert.Equal(ok, MimecastSignature.TryParseDate(text, out _));

    [Fact]
    public async Task Worked_vector_is_accepted_over_the_wire()
    {
        var account = SimulatorAccount.CreateDefault();
        account = new SimulatorAccount
        {
            EmailAddress = "vector@example.com",
            CloudPassword = "x",
            DomainPassword = "y",
            AppId = "vector-app",
            AppKey = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            AccessKey = "vector-access-key",
            SecretKey = "c3VwZXItc2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=",
            ClientId = account.ClientId,
            ClientSecret = account.ClientSecret,
        };
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.Accounts.Add(account));
        await using (sim)
        using (api)
        {
            HttpRequestMessage request = api.Signed(TestApi.UrlLogs, TestApi.Envelope(), Keys.Of(account), reqId: "0f8fad5b-d9cb-469f-a165-70867728950e");
            Assert.Equal("MC vector-access-key:OAlSxq4B5Hnx4XyZaknnYPgtnGQ=", request.Headers.GetValues("Authorization").Single());
            using Reply reply = await api.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
        }
    }
}

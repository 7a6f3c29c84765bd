using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests;

public class SigningTests
{
    [Fact]
    public void Signature_matches_the_independent_go_client_vector()
    {
        var auth = new MimecastHmacAuth(new MimecastApi1Options { AppId = "app", AppKey = "ApplicationKey", AccessKey = "AccessKey", SecretKey = "U2VjcmV0S2V5" });

        var signature = auth.ComputeSignature("Sun, 21 Aug 2022 13:49:40 UTC", "3d796b76-4180-40e5-8f7c-6e0fd643b1a9", "/api/test/some-url");

        Assert.Equal("WOywLsnZlsE+D6bp/ug6uch5kxc=", signature);
    }

    [Fact]
    public void Signature_matches_the_worked_vector_of_the_api_notes()
    {
        var auth = new MimecastHmacAuth(new MimecastApi1Options
        {
            AppId = "app", AppKey = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", AccessKey = "AccessKey",
            SecretKey = "c3VwZXItc2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=",
        });

        var signature = auth.ComputeSignature("Tue, 24 Nov 2026 10:03:07 UTC", "0f8fad5b-d9cb-469f-a165-70867728950e", "/api/ttp/url/get-logs");

        Assert.Equal("OAlSxq4B5Hnx4XyZaknnYPgtnGQ=", signature);
    }

    [Fact]
    public async Task ApplyAsync_writes_date_in_UTC_form_request_id_app_id_and_MC_authorization()
    {
        var time = new ObservableTimeProvider();
        var auth = new MimecastHmacAuth(new MimecastApi1Options { AppId = SdkHarness.AppId, AppKey = SdkHarness.AppKey, AccessKey = SdkHarness.AccessKey, SecretKey = SdkHarness.SecretKey }, time);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://eu-api.mimecast.com/api/ttp/url/get-logs?x=1");

        await auth.ApplyAsync(request, CancellationToken.None);

        var date = request.Headers.GetValues("x-mc-date").Single();
        var requestId = request.Headers.GetValues("x-mc-req-id").Single();
        Assert.Equal("Tue, 24 Nov 2026 10:03:07 UTC", date);
        Assert.True(Guid.TryParse(requestId, out _));
        Assert.Equal(SdkHarness.AppId, request.Headers.GetValues("x-mc-app-id").Single());
        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.Equal($"MC {SdkHarness.AccessKey}:{ReferenceSignature(date, requestId, "/api/ttp/url/get-logs")}", authorization);
    }

    [Fact]
    public async Task Applying_twice_replaces_the_headers_instead_of_adding_a_second_value()
    {
        var time = new ObservableTimeProvider();
        var auth = new MimecastHmacAuth(new MimecastApi1Options { AppId = SdkHarness.AppId, AppKey = SdkHarness.AppKey, AccessKey = SdkHarness.AccessKey, SecretKey = SdkHarness.SecretKey }, time);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://eu-api.mimecast.com/api/ttp/url/get-logs");

        await auth.ApplyAsync(request, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));
        await auth.ApplyAsync(request, CancellationToken.None);

        Assert.Equal("Tue, 24 Nov 2026 10:03:12 UTC", Assert.Single(request.Headers.GetValues("x-mc-date")));
        Assert.Single(request.Headers.GetValues("x-mc-req-id"));
        Assert.Single(request.Headers.GetValues("Authorization"));
    }

    [Fact]
    public async Task Every_attempt_is_signed_afresh_with_a_new_request_id_after_a_transient_failure()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("retry").WillSetStateTo("ok")
            .RespondWith(Stubs.Json(Stubs.Fail("err_internal", "boom", true, 503), 503));
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).InScenario("retry").WhenStateIs("ok")
            .RespondWith(Stubs.Json(Stubs.UrlLogs(0, 1)));

        var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Single(page.Items);
        var attempts = h.SentTo(Stubs.UrlPath);
        Assert.Equal(2, attempts.Count);
        Assert.NotEqual(attempts[0].Header("x-mc-req-id"), attempts[1].Header("x-mc-req-id"));
        Assert.NotEqual(attempts[0].Header("Authorization"), attempts[1].Header("Authorization"));
        foreach (var attempt in attempts)
        {
            var expected = ReferenceSignature(attempt.Header("x-mc-date")!, attempt.Header("x-mc-req-id")!, Stubs.UrlPath);
            Assert.Equal($"MC {SdkHarness.AccessKey}:{expected}", attempt.Header("Authorization"));
        }

        Assert.Equal(page.RequestId, attempts[1].Header("x-mc-req-id"));
    }

    [Fact]
    public void A_secret_key_that_is_not_base64_is_refused_without_echoing_it()
    {
        var e = Assert.Throws<ArgumentException>(() => new MimecastHmacAuth(new MimecastApi1Options { AppId = "a", AppKey = "k", AccessKey = "x", SecretKey = "not base64 !!" }));

        Assert.Contains("base64", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not base64 !!", e.ToString(), StringComparison.Ordinal);
    }

    // An independent implementation of the documented algorithm, written the plain way.
    internal static string ReferenceSignature(string date, string requestId, string path)
    {
        using var hmac = new HMACSHA1(Convert.FromBase64String(SdkHarness.SecretKey));
        var data = Encoding.UTF8.GetBytes(string.Join(':', date, requestId, path, SdkHarness.AppKey));
        return Convert.ToBase64String(hmac.ComputeHash(data));
    }

    [Fact]
    public void Date_format_uses_the_invariant_culture_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
            Assert.Equal("Tue, 24 Nov 2026 10:03:07 UTC", MimecastDateFormat.Format(new DateTimeOffset(2026, 11, 24, 11, 3, 7, TimeSpan.FromHours(1))));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}

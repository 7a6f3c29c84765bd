using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests;

public class SecretsTests
{
    private const string Password = "Hunter2-Very-Secret-Password";

    [Fact]
    public async Task No_secret_appears_in_any_log_line_exception_or_ToString()
    {
        var texts = new List<string>();
        foreach (var generation in new[] { MimecastApiGeneration.Api1, MimecastApiGeneration.Api2 })
        {
            await using var h = SdkHarness.Start(generation);
            h.Server.Given(Stubs.Post(Stubs.TokenPath)).RespondWith(Stubs.Json("""{"access_token":"bearer-token-SECRET-VALUE","token_type":"Bearer","expires_in":1799}"""));
            h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 2)).WithQuota(100, 50, 1000));
            h.Server.Given(Stubs.Post(Stubs.AttachmentPath)).RespondWith(Stubs.Json(Stubs.Fail("err_xdk_invalid_signature", "0004 Invalid Signature", false, 401), 401));
            h.Server.Given(Stubs.Post("/api/login/login")).RespondWith(Stubs.Json(Stubs.Fail("err_xdk_invalid_credentials", "Invalid credentials", false, 401), 401));

            Assert.Equal(2, (await h.Client.Ttp.GetUrlLogsPageAsync(null, null)).Items.Count);
            texts.Add((await Assert.ThrowsAnyAsync<MimecastApiException>(() => h.Client.Ttp.GetAttachmentLogsPageAsync(null, null))).ToString());
            texts.Add((await Assert.ThrowsAnyAsync<MimecastApiException>(() => h.Client.Login.LoginAsync(new MimecastUserCredentials("soc@example.com", Password)))).ToString());

            foreach (var record in h.Logs.GetSnapshot())
            {
                texts.Add(record.Message);
                texts.Add(record.Exception?.ToString() ?? "");
                texts.AddRange(record.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? []);
            }

            var options = h.Services.GetRequiredService<IOptionsMonitor<MimecastClientOptions>>().Get(Options.DefaultName);
            texts.Add(options.ToString());
            texts.Add(options.Api1?.ToString() ?? "");
            texts.Add(options.Api2?.ToString() ?? "");
            texts.Add(h.Client.ToString()!);
            texts.AddRange(h.Sent.Where(s => s.Header("Authorization")?.StartsWith("MC ", StringComparison.Ordinal) == true)
                .Select(s => "signature:" + s.Header("Authorization")!.Split(':')[1]));
        }

        texts.Add(new MimecastUserCredentials("soc@example.com", Password).ToString());
        texts.Add(new MimecastAccessKey { AccessKey = "a", SecretKey = SdkHarness.SecretKey }.ToString());
        texts.Add(new MimecastHmacAuth(new MimecastApi1Options { AppId = "x", AppKey = SdkHarness.AppKey, AccessKey = "a", SecretKey = SdkHarness.SecretKey }).ToString());

        Assert.Contains(texts, t => t.Contains("Mimecast", StringComparison.Ordinal));
        var signatures = texts.Where(t => t.StartsWith("signature:", StringComparison.Ordinal)).Select(t => t["signature:".Length..]).ToList();
        Assert.NotEmpty(signatures);
        var everything = string.Join("\n", texts.Where(t => !t.StartsWith("signature:", StringComparison.Ordinal)));
        string[] secrets =
        [
            SdkHarness.AppKey, SdkHarness.SecretKey, SdkHarness.ClientSecret, Password, "bearer-token-SECRET-VALUE",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("soc@example.com:" + Password)), .. signatures,
        ];
        var leaks = secrets.SelectMany(secret => texts.Where(t => !t.StartsWith("signature:", StringComparison.Ordinal) && t.Contains(secret, StringComparison.Ordinal))
            .Select(t => $"'{secret}' in: {t}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n---\n", leaks));
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, everything, StringComparison.Ordinal));
    }
}

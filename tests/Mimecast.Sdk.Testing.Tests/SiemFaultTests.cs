using System.IO.Compression;
using System.Net;
using System.Text.Json;

namespace Mimecast.Sdk.Testing.Tests;

public sealed class SiemFaultTests
{
    private static async Task<string[]> ListUrlsAsync(TestApi api, string type = "receipt", int pageSize = 2)
    {
        using Reply listing = await api.GetAsync(SiemTestApi.Batch, SiemTestApi.Query(("type", type), ("pageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.OK, listing.Status);
        return listing.Values().Select(v => v.GetProperty("url").GetString()!).ToArray();
    }

    [Fact]
    public async Task Expired_link_fault_answers_403_once_then_the_same_url_works()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            string url = (await ListUrlsAsync(api))[0];
            sim.Faults.Enqueue(SimulatorFault.ExpiredLink);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.DownloadAsync(url)).Status);
            Assert.Equal(HttpStatusCode.OK, (await api.DownloadAsync(url)).Status);
            Assert.Equal(1, sim.Journal.Count(e => e.Fault == SimulatorFault.ExpiredLink && e.StatusCode == 403));
        }
    }

    [Fact]
    public async Task File_faults_wait_for_a_download_and_are_not_taken_by_api_calls()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.TruncatedGzip);
            string url = (await ListUrlsAsync(api))[0];
            using (Reply ttp = await api.PostSignedAsync(TestApi.UrlLogs, TestApi.Envelope()))
            {
                Assert.Equal(HttpStatusCode.OK, ttp.Status);
            }

            Assert.Equal(1, sim.Faults.PendingCount);
            await api.DownloadAsync(url);
            Assert.Equal(0, sim.Faults.PendingCount);
            Assert.Equal(1, sim.Journal.Count(e => e.Fault == SimulatorFault.TruncatedGzip && e.Path == "/siem-files/"));
            Assert.Equal(0, sim.Journal.Count(e => e.Fault is not null && e.Path != "/siem-files/"));
        }
    }

    [Fact]
    public async Task Truncated_gzip_is_the_first_half_of_the_listed_file_with_http_200()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            using Reply listing = await api.GetAsync(SiemTestApi.Batch, "type=receipt&pageSize=1");
            JsonElement file = listing.Values()[0];
            string url = file.GetProperty("url").GetString()!;
            (_, byte[] whole, _) = await api.DownloadAsync(url);

            sim.Faults.Enqueue(SimulatorFault.TruncatedGzip);
            (HttpStatusCode status, byte[] cut, _) = await api.DownloadAsync(url);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(file.GetProperty("size").GetInt64() / 2, cut.Length);
            Assert.Equal(whole.AsSpan(0, cut.Length).ToArray(), cut);

            // Read to the end: the gzip trailer is missing, so the reader fails or ends short; either way the file is not whole.
            string wholeText = string.Join('\n', SiemTestApi.Gunzip(whole));
            string? cutText = null;
            try
            {
                cutText = string.Join('\n', SiemTestApi.Gunzip(cut));
            }
            catch (InvalidDataException)
            {
            }

            Assert.True(cutText is null || (cutText.Length < wholeText.Length && wholeText.StartsWith(cutText, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Malformed_line_cuts_the_middle_line_and_keeps_every_other_line()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            IReadOnlyList<SimulatorSiemBatchFile> bulk = sim.AddSiemBatchFiles("url protect", 1, 20_000);
            (List<JsonElement> files, _, _) = await api.DrainAsync(SiemTestApi.Batch, c => SiemTestApi.Query(("type", "url protect"), ("nextPage", c)));
            string url = files[^1].GetProperty("url").GetString()!;
            string[] good = SiemTestApi.Gunzip((await api.DownloadAsync(url)).Body);
            Assert.Equal(bulk[0].EventCount, good.Length);

            sim.Faults.Enqueue(SimulatorFault.MalformedLine);
            string[] bad = SiemTestApi.Gunzip((await api.DownloadAsync(url)).Body);
            Assert.Equal(good.Length, bad.Length);
            int broken = good.Length / 2;
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(bad[broken]));
            for (int i = 0; i < good.Length; i++)
            {
                if (i != broken)
                {
                    Assert.Equal(good[i], bad[i]);
                }
            }
        }
    }

    [Fact]
    public async Task Rate_limited_fault_answers_429_with_the_configured_millisecond_reset_on_both_siem_endpoints()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.RateLimitedReset = TimeSpan.FromMilliseconds(1234);
            sim.Faults.Enqueue(SimulatorFault.RateLimited, count: 1, path: SiemTestApi.Stream);
            sim.Faults.Enqueue(SimulatorFault.RateLimited, count: 1, path: SiemTestApi.Batch);
            foreach ((string path, string query, string limit) in new[] { (SiemTestApi.Stream, string.Empty, "300"), (SiemTestApi.Batch, "type=av", "50") })
            {
                using Reply limited = await api.GetAsync(path, query);
                Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
                Assert.Equal(1234, limited.ResetMs);
                Assert.Equal(0, limited.Remaining);
                Assert.Equal(limit, limited.Header("X-RateLimit-Limit"));
                Assert.Equal(SimulatorSiemErrorCodes.RateLimitExceeded, limited.ErrorCode());
            }

            Assert.Equal(2, sim.RateLimitedResponses);
        }
    }

    [Fact]
    public async Task Server_faults_queued_without_a_path_reach_the_siem_and_audit_endpoints()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            sim.Faults.Enqueue(SimulatorFault.ServerError, count: 2);
            using (Reply stream = await api.GetAsync(SiemTestApi.Stream, string.Empty))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, stream.Status);
            }

            string token = await api.NewTokenAsync();
            using Reply audit = await api.PostBearerAsync(SiemTestApi.Audit, AuditTests.Body(TestApi.Start.AddDays(-1), TestApi.Start), token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, audit.Status);
        }
    }

    [Fact]
    public async Task Gzip_files_are_real_gzip_streams()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync();
        await using (sim)
        using (api)
        {
            (_, byte[] body, _) = await api.DownloadAsync((await ListUrlsAsync(api, "journal", 1))[0]);
            Assert.Equal(new byte[] { 0x1f, 0x8b }, body[..2]);
            using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            Assert.NotEqual(-1, gzip.ReadByte());
        }
    }

    [Fact]
    public async Task File_faults_are_enqueued_over_the_http_control_api_by_name()
    {
        (MimecastSimulator sim, _, TestApi api) = await TestApi.StartAsync(o => o.ControlToken = "control-secret");
        await using (sim)
        using (api)
        {
            string url = (await ListUrlsAsync(api))[0];
            using var enqueue = new HttpRequestMessage(HttpMethod.Post, "_simulator/faults")
            {
                Content = new StringContent("""{"fault":"expired_link","count":1}""", System.Text.Encoding.UTF8, "application/json"),
            };
            enqueue.Headers.TryAddWithoutValidation("Authorization", "Bearer control-secret");
            using (HttpResponseMessage queued = await api.Http.SendAsync(enqueue))
            {
                Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await api.DownloadAsync(url)).Status);
            Assert.Equal(HttpStatusCode.OK, (await api.DownloadAsync(url)).Status);
        }
    }
}

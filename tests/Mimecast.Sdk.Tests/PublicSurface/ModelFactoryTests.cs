using System.Net;

namespace Mimecast.Sdk.Tests.PublicSurface;

/// <summary>
/// A consumer's own tests, written with the public surface only: <see cref="MimecastModelFactory"/> builds the pages,
/// SIEM pages and exceptions the SDK would return, and a hand-written fake of <see cref="IMimecastClient"/> serves them.
/// </summary>
public class ModelFactoryTests
{
    [Fact]
    public async Task Pages_built_by_the_factory_drive_consumer_code_through_a_fake_client()
    {
        var first = MimecastModelFactory.MimecastPage([new TtpUrlLog { UserEmailAddress = "a@example.com" }], "token-2", totalCount: 2, requestId: "req-1",
            rateLimit: new MimecastRateLimitInfo { Limit = 50, Remaining = 49 });
        var second = MimecastModelFactory.MimecastPage([new TtpUrlLog { UserEmailAddress = "b@example.com" }]);
        IMimecastClient fake = new FakeClient { UrlPages = { [""] = first, ["token-2"] = second } };

        var all = await fake.Ttp.GetUrlLogsAsync().ToListAsync();

        Assert.Equal(["a@example.com", "b@example.com"], all.Select(l => l.UserEmailAddress));
        Assert.True(first.HasMore);
        Assert.Equal(2, first.TotalCount);
        Assert.Equal("req-1", first.RequestId);
        Assert.Equal(49, first.RateLimit!.Remaining);
        Assert.False(second.HasMore);
    }

    [Fact]
    public async Task Siem_pages_built_by_the_factory_are_served_by_a_fake_client()
    {
        var events = MimecastModelFactory.SiemEventPage([new SiemEvent { AggregateId = "agg-1", Type = SiemEventType.Receipt }], "cursor-2", isCaughtUp: true, requestId: "req-2");
        var query = new SiemBatchQuery(SiemEventType.Receipt);
        var batch = MimecastModelFactory.SiemBatchPage(query, [new SiemBatchFile(new Uri("https://files.example.com/f1.gz?sig=secret"), 10, null)], "cursor-b",
            isCaughtUp: false, requestCursor: "cursor-a", requestId: "req-3");
        IMimecastClient fake = new FakeClient { SiemEvents = events, SiemBatch = batch };

        var page = await fake.Siem.GetEventsPageAsync(null, null);
        var listing = await fake.Siem.GetBatchPageAsync(query, "cursor-a");

        Assert.Equal("agg-1", Assert.Single(page.Events).AggregateId);
        Assert.Equal("cursor-2", page.NextPage);
        Assert.True(page.IsCaughtUp);
        Assert.Equal("req-2", page.RequestId);
        Assert.Equal("https://files.example.com/f1.gz", Assert.Single(listing.Files).Name);
        Assert.Same(query, listing.Query);
        Assert.Equal("cursor-a", listing.RequestCursor);
        Assert.Equal("cursor-b", listing.NextPage);
        Assert.Equal("req-3", listing.RequestId);
    }

    [Fact]
    public async Task Exceptions_built_by_the_factory_carry_status_error_code_and_request_id()
    {
        var failures = new MimecastApiException[]
        {
            MimecastModelFactory.MimecastApiException(HttpStatusCode.ServiceUnavailable, "err_service_unavailable", "req-5", "/api/ttp/url/get-logs", retryable: true),
            MimecastModelFactory.MimecastAuthenticationException(HttpStatusCode.Unauthorized, "token_expired", "req-6"),
            MimecastModelFactory.MimecastBindingExpiredException("req-7"),
            MimecastModelFactory.MimecastRateLimitException(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), "req-8"),
            MimecastModelFactory.MimecastInvalidResponseException(HttpStatusCode.OK, "req-9"),
            MimecastModelFactory.MimecastInvalidCursorException("err_cursor", "req-10"),
        };

        foreach (var failure in failures)
        {
            IMimecastClient fake = new FakeClient { Failure = failure };
            var caught = await Assert.ThrowsAnyAsync<MimecastApiException>(() => fake.Ttp.GetUrlLogsPageAsync(null, null));
            Assert.Same(failure, caught);
            Assert.StartsWith("req-", caught.RequestId, StringComparison.Ordinal);
            Assert.Contains(caught.RequestId!, caught.Message, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failures[0].StatusCode);
        Assert.Equal("err_service_unavailable", failures[0].ErrorCode);
        Assert.True(failures[0].IsRetryable);
        Assert.Equal("/api/ttp/url/get-logs", failures[0].OperationPath);
        Assert.IsType<MimecastAuthenticationException>(failures[1]);
        Assert.Equal("token_expired", failures[1].ErrorCode);
        Assert.Equal("err_xdk_binding_expired", Assert.IsType<MimecastBindingExpiredException>(failures[2]).ErrorCode);
        var rateLimit = Assert.IsType<MimecastRateLimitException>(failures[3]);
        Assert.Equal(HttpStatusCode.TooManyRequests, rateLimit.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), rateLimit.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(5), rateLimit.TotalWait);
        Assert.Equal(HttpStatusCode.OK, Assert.IsType<MimecastInvalidResponseException>(failures[4]).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, Assert.IsType<MimecastInvalidCursorException>(failures[5]).StatusCode);
    }

    private sealed class FakeClient : IMimecastClient, ITtpClient, ISiemClient
    {
        public Dictionary<string, MimecastPage<TtpUrlLog>> UrlPages { get; } = [];

        public SiemEventPage? SiemEvents { get; init; }

        public SiemBatchPage? SiemBatch { get; init; }

        public MimecastApiException? Failure { get; init; }

        public string Name => "fake";

        public ILoginClient Login => throw new NotSupportedException();

        public ITtpClient Ttp => this;

        public ISiemClient Siem => this;

        public IAuditClient Audit => throw new NotSupportedException();

        public IUrlsClient Urls => throw new NotSupportedException();

        public ISendersClient Senders => throw new NotSupportedException();

        public IHeldMessagesClient Held => throw new NotSupportedException();

        public IMessagesClient Messages => throw new NotSupportedException();

        public IRemediationClient Remediation => throw new NotSupportedException();

        public IDirectoryClient Directory => throw new NotSupportedException();

        public IAccountClient Account => throw new NotSupportedException();

        public MimecastPageable<TtpUrlLog> GetUrlLogsAsync(TtpUrlLogQuery? query = null, CancellationToken cancellationToken = default) =>
            MimecastPageable.FromPages(Chain());

        public Task<MimecastPage<TtpUrlLog>> GetUrlLogsPageAsync(TtpUrlLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) =>
            Failure is not null ? Task.FromException<MimecastPage<TtpUrlLog>>(Failure) : Task.FromResult(UrlPages[pageToken ?? string.Empty]);

        public MimecastPageable<TtpAttachmentLog> GetAttachmentLogsAsync(TtpAttachmentLogQuery? query = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<MimecastPage<TtpAttachmentLog>> GetAttachmentLogsPageAsync(TtpAttachmentLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public MimecastPageable<TtpImpersonationLog> GetImpersonationLogsAsync(TtpImpersonationLogQuery? query = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<MimecastPage<TtpImpersonationLog>> GetImpersonationLogsPageAsync(TtpImpersonationLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<SiemEvent> GetEventsAsync(SiemEventQuery? query = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SiemEventPage> GetEventsPageAsync(SiemEventQuery? query, string? nextPage, CancellationToken cancellationToken = default) => Task.FromResult(SiemEvents!);

        public IAsyncEnumerable<SiemEvent> ReadBatchFilesAsync(SiemBatchPage page, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<SiemEvent> GetBatchEventsAsync(SiemBatchQuery query, string? nextPage = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SiemBatchPage> GetBatchPageAsync(SiemBatchQuery query, string? nextPage, CancellationToken cancellationToken = default) => Task.FromResult(SiemBatch!);

        private List<MimecastPage<TtpUrlLog>> Chain()
        {
            // Bounded by the number of pages the test gave.
            var pages = new List<MimecastPage<TtpUrlLog>> { UrlPages[string.Empty] };
            while (pages[^1].NextPageToken is { } next && pages.Count <= UrlPages.Count)
            {
                pages.Add(UrlPages[next]);
            }

            return pages;
        }
    }
}

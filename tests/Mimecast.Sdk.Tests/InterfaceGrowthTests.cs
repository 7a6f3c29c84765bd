namespace Mimecast.Sdk.Tests;

/// <summary>
/// A user's own fake of <see cref="IMimecastClient"/>, written against the surface before <c>LogoutAsync</c> was
/// added, still compiles (members added after 1.0 have default implementations) and works; the new member throws
/// <see cref="NotSupportedException"/> naming itself.
/// </summary>
public class InterfaceGrowthTests
{
    [Fact]
    public async Task A_fake_written_against_the_previous_surface_compiles_and_works()
    {
        IMimecastClient fake = new PreviousSurfaceFake();

        var page = await fake.GetTtpUrlLogsPageAsync(null, null);
        var all = await fake.GetTtpUrlLogsAsync().ToListAsync();

        Assert.Single(page.Items);
        Assert.Single(all);
        var e = await Assert.ThrowsAsync<NotSupportedException>(() => fake.LogoutAsync("key"));
        Assert.Contains("IMimecastClient.LogoutAsync", e.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(PreviousSurfaceFake), e.Message, StringComparison.Ordinal);
    }

    // Exactly the members of IMimecastClient as of the first pageable surface: no LogoutAsync.
    private sealed class PreviousSurfaceFake : IMimecastClient
    {
        private static readonly MimecastPage<TtpUrlLog> Page = new([new TtpUrlLog { UserEmailAddress = "a@example.com" }], null);

        public string Name => "fake";

        public Task<MimecastAuthenticationInfo> DiscoverAuthenticationAsync(string emailAddress, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<MimecastAccessKey> LoginAsync(MimecastUserCredentials credentials, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<MimecastAccessKey> RefreshTokenAsync(MimecastUserCredentials credentials, string accessKey, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public MimecastPageable<TtpUrlLog> GetTtpUrlLogsAsync(TtpUrlLogQuery? query = null, CancellationToken cancellationToken = default) => MimecastPageable.FromPages([Page]);

        public Task<MimecastPage<TtpUrlLog>> GetTtpUrlLogsPageAsync(TtpUrlLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) => Task.FromResult(Page);

        public MimecastPageable<TtpAttachmentLog> GetTtpAttachmentLogsAsync(TtpAttachmentLogQuery? query = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<MimecastPage<TtpAttachmentLog>> GetTtpAttachmentLogsPageAsync(TtpAttachmentLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public MimecastPageable<TtpImpersonationLog> GetTtpImpersonationLogsAsync(TtpImpersonationLogQuery? query = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public Task<MimecastPage<TtpImpersonationLog>> GetTtpImpersonationLogsPageAsync(TtpImpersonationLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    }
}

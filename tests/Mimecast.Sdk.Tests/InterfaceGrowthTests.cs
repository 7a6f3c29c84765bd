using System.Reflection;

namespace Mimecast.Sdk.Tests;

/// <summary>
/// What the sub-client shape promises a consumer who fakes the client: one area can be faked on its own (a fake of
/// <see cref="ITtpClient"/> needs no SIEM, audit or login members), and no interface member has a default body that
/// would throw at run time instead of failing the fake's compilation.
/// </summary>
public class InterfaceGrowthTests
{
    [Fact]
    public async Task One_area_is_faked_on_its_own()
    {
        IMimecastClient fake = new TtpOnlyClient();

        var page = await fake.Ttp.GetUrlLogsPageAsync(null, null);
        var all = await fake.Ttp.GetUrlLogsAsync().ToListAsync();

        Assert.Single(page.Items);
        Assert.Single(all);
    }

    [Fact]
    public void No_client_interface_member_has_a_default_body()
    {
        var interfaces = typeof(IMimecastClient).Assembly.GetExportedTypes()
            .Where(static t => t.IsInterface && t.Namespace == "Mimecast.Sdk" && t.Name.EndsWith("Client", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(typeof(ITtpClient), interfaces);
        Assert.Contains(typeof(ILoginClient), interfaces);
        var withBodies = interfaces
            .SelectMany(static t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(static m => !m.IsAbstract)
            .Select(static m => m.DeclaringType!.Name + "." + m.Name)
            .ToList();
        Assert.Empty(withBodies);
    }

    private sealed class TtpOnlyClient : IMimecastClient, ITtpClient
    {
        private static readonly MimecastPage<TtpUrlLog> Page = new([new TtpUrlLog { UserEmailAddress = "a@example.com" }], null);

        public string Name => "fake";

        public ILoginClient Login => throw new NotSupportedException();

        public ITtpClient Ttp => this;

        public ISiemClient Siem => throw new NotSupportedException();

        public IAuditClient Audit => throw new NotSupportedException();

        public IUrlsClient Urls => throw new NotSupportedException();

        public ISendersClient Senders => throw new NotSupportedException();

        public IHeldMessagesClient Held => throw new NotSupportedException();

        public IMessagesClient Messages => throw new NotSupportedException();

        public IRemediationClient Remediation => throw new NotSupportedException();

        public IDirectoryClient Directory => throw new NotSupportedException();

        public IAccountClient Account => throw new NotSupportedException();

        public MimecastPageable<TtpUrlLog> GetUrlLogsAsync(TtpUrlLogQuery? query = null, CancellationToken cancellationToken = default) => MimecastPageable.FromPages([Page]);

        public Task<MimecastPage<TtpUrlLog>> GetUrlLogsPageAsync(TtpUrlLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) => Task.FromResult(Page);

        public MimecastPageable<TtpAttachmentLog> GetAttachmentLogsAsync(TtpAttachmentLogQuery? query = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<MimecastPage<TtpAttachmentLog>> GetAttachmentLogsPageAsync(TtpAttachmentLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public MimecastPageable<TtpImpersonationLog> GetImpersonationLogsAsync(TtpImpersonationLogQuery? query = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<MimecastPage<TtpImpersonationLog>> GetImpersonationLogsPageAsync(TtpImpersonationLogQuery? query, string? pageToken, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}

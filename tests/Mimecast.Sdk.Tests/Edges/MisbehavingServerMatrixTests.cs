using Mimecast.Sdk.Tests.Infrastructure;

namespace Mimecast.Sdk.Tests.Edges;

/// <summary>
/// Issue 11 item 3: whatever the server or network does, what escapes every operation is a
/// <see cref="MimecastApiException"/> (never a raw HttpRequestException, HttpIOException, JsonException, TimeoutException
/// or a hang), for API 1.0 and API 2.0, in page and stream form; and what is retried is retried within bounds, while
/// login and refresh are never resent.
/// </summary>
public class MisbehavingServerMatrixTests
{
    private static readonly MimecastUserCredentials User = new("soc@example.com", "pa55word-never-logged");

    public static readonly Dictionary<string, (string Path, bool Login, Func<IMimecastClient, Task> Run)> Operations = new()
    {
        ["discover"] = ("/api/login/discover-authentication", true, c => c.Login.DiscoverAuthenticationAsync("soc@example.com")),
        ["login"] = ("/api/login/login", true, c => c.Login.LoginAsync(User)),
        ["refresh"] = ("/api/login/login", true, c => c.Login.RefreshTokenAsync(User, "existing-access-key")),
        ["logout"] = ("/api/login/logout", true, c => c.Login.LogoutAsync("old-access-key")),
        ["url-page"] = (Stubs.UrlPath, false, c => c.Ttp.GetUrlLogsPageAsync(null, null)),
        ["attachment-page"] = (Stubs.AttachmentPath, false, c => c.Ttp.GetAttachmentLogsPageAsync(null, null)),
        ["impersonation-page"] = (Stubs.ImpersonationPath, false, c => c.Ttp.GetImpersonationLogsPageAsync(null, null)),
        ["url-stream"] = (Stubs.UrlPath, false, c => Drain(c.Ttp.GetUrlLogsAsync())),
        ["attachment-stream"] = (Stubs.AttachmentPath, false, c => Drain(c.Ttp.GetAttachmentLogsAsync())),
        ["impersonation-stream"] = (Stubs.ImpersonationPath, false, c => Drain(c.Ttp.GetImpersonationLogsAsync())),
    };

    private static readonly Misbehaviour[] Transient = [Misbehaviour.StallAfterHeaders, Misbehaviour.CloseMidBody, Misbehaviour.Reset, Misbehaviour.Html502];

    public static TheoryData<string, Misbehaviour, MimecastApiGeneration> OperationCases()
    {
        var data = new TheoryData<string, Misbehaviour, MimecastApiGeneration>();
        foreach (var generation in new[] { MimecastApiGeneration.Api1, MimecastApiGeneration.Api2 })
        {
            // Logout revokes an API 1.0 binding and is signed with one: an API 2.0 client has none and refuses before
            // sending (Api1HostTests), so it is an API 1.0 case only.
            foreach (var operation in Operations.Keys.Where(o => o != "logout" || generation == MimecastApiGeneration.Api1))
            {
                foreach (var behaviour in Enum.GetValues<Misbehaviour>())
                {
                    data.Add(operation, behaviour, generation);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, Misbehaviour> TokenCases()
    {
        var data = new TheoryData<string, Misbehaviour>();
        foreach (var operation in Operations.Where(o => !o.Value.Login).Select(o => o.Key))
        {
            foreach (var behaviour in Enum.GetValues<Misbehaviour>())
            {
                data.Add(operation, behaviour);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OperationCases))]
    public async Task Every_operation_ends_in_a_typed_exception_whatever_the_server_does(string operation, Misbehaviour behaviour, MimecastApiGeneration generation)
    {
        var (path, login, run) = Operations[operation];
        await using var h = EdgeHarness.Start(path, behaviour, generation);

        var e = await h.RunAsync(() => run(h.Client), behaviour == Misbehaviour.StallAfterHeaders ? (EdgeHarness.AttemptTimeout, () => h.HeadersSeen) : null);

        var typed = Assert.IsAssignableFrom<MimecastApiException>(e);
        Assert.Equal(path, typed.OperationPath);
        if (behaviour is Misbehaviour.StallAfterHeaders or Misbehaviour.CloseMidBody or Misbehaviour.Reset)
        {
            Assert.Null(typed.StatusCode);
            Assert.NotNull(typed.InnerException);
        }

        var isLoginFamily = operation is "login" or "refresh";
        var transient = Transient.Contains(behaviour);
        // One retry is configured: what is transient is sent twice, except login and refresh, which are never resent.
        Assert.Equal(transient && !isLoginFamily ? 2 : 1, h.Server.Received(path));
        if (transient && isLoginFamily)
        {
            Assert.Contains("not retried", typed.Message, StringComparison.Ordinal);
            Assert.Contains("binding", typed.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("pa55word", typed.ToString(), StringComparison.Ordinal);
        _ = login;
    }

    [Theory]
    [MemberData(nameof(TokenCases))]
    public async Task A_misbehaving_token_endpoint_ends_every_api2_data_call_in_an_authentication_exception(string operation, Misbehaviour behaviour)
    {
        var (path, _, run) = Operations[operation];
        await using var h = EdgeHarness.Start("/oauth/token", behaviour, MimecastApiGeneration.Api2);

        var e = await h.RunAsync(() => run(h.Client), behaviour == Misbehaviour.StallAfterHeaders ? (EdgeHarness.TokenTimeout, () => h.Server.Received("/oauth/token")) : null,
            driveBackoff: behaviour != Misbehaviour.StallAfterHeaders);

        var typed = Assert.IsAssignableFrom<MimecastAuthenticationException>(e);
        Assert.Equal("/oauth/token", typed.OperationPath);
        Assert.Equal(0, h.Server.Received(path));
        Assert.InRange(h.Server.Received("/oauth/token"), 1, 3);
        Assert.DoesNotContain(SdkHarness.ClientSecret, typed.ToString(), StringComparison.Ordinal);
    }

    private static async Task Drain<T>(IAsyncEnumerable<T> source)
    {
        var count = 0;
        await foreach (var _ in source)
        {
            // The well-formed answer is a single page without a next token: bounded.
            Assert.InRange(++count, 0, 1000);
        }
    }
}

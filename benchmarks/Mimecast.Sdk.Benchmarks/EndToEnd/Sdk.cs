using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Benchmarks.EndToEnd;

/// <summary>Builds SDK clients the way an application does: <c>AddMimecastClient</c>, default handlers and resilience.</summary>
internal static class Sdk
{
    public static ServiceProvider Api1(Uri baseUrl, Action<MimecastClientOptions>? tweak = null) =>
        Build(o =>
        {
            o.BaseUrl = baseUrl;
            o.Api1 = Api1Options(SimulatorAccount.CreateDefault());
            o.DefaultPageSize = 500;
            tweak?.Invoke(o);
        });

    public static ServiceProvider Api2(Uri baseUrl) =>
        Build(o =>
        {
            o.BaseUrl = baseUrl;
            o.Api2 = new MimecastApi2Options { ClientId = MimecastSimulatorDefaults.ClientId, ClientSecret = MimecastSimulatorDefaults.ClientSecret };
        });

    public static MimecastApi1Options Api1Options(SimulatorAccount account) => new()
    {
        AppId = account.AppId,
        AppKey = account.AppKey,
        AccessKey = account.AccessKey,
        SecretKey = account.SecretKey,
    };

    public static ServiceProvider Build(Action<MimecastClientOptions> configure, Action<IHttpClientBuilder>? http = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddMimecastClient(configure);
        http?.Invoke(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public static class Authentication
{
    public static void Api1(IServiceCollection services, IConfiguration configuration)
    {
        #region snippet: auth-api1-code
        services.AddMimecastClient(options =>
        {
            options.BaseUrl = MimecastRegions.Europe; // the account's regional API 1.0 host
            options.Api1 = new MimecastApi1Options
            {
                AppId = configuration["Mimecast:Api1:AppId"],
                AppKey = configuration["Mimecast:Api1:AppKey"],
                AccessKey = configuration["Mimecast:Api1:AccessKey"],
                SecretKey = configuration["Mimecast:Api1:SecretKey"],
            };
        });
        #endregion
    }

    public static void Api2(IServiceCollection services, IConfiguration configuration)
    {
        #region snippet: auth-api2-code
        services.AddMimecastClient(options =>
        {
            // BaseUrl defaults to MimecastRegions.Api2Global; Api2UnitedKingdom / Api2UnitedStates pin a region.
            options.Api2 = new MimecastApi2Options
            {
                ClientId = configuration["Mimecast:Api2:ClientId"],
                ClientSecret = configuration["Mimecast:Api2:ClientSecret"],
            };
        });
        #endregion
    }

    public static async Task<MimecastApi1Options> LoginAsync(IMimecastClient loginClient, string emailAddress, string password,
        string appId, string appKey, CancellationToken cancellationToken)
    {
        #region snippet: auth-login
        // loginClient is configured with Api1 = { AppId, AppKey } only: no access or secret key yet.
        var discovery = await loginClient.Login.DiscoverAuthenticationAsync(emailAddress, cancellationToken);
        Console.WriteLine($"Region: {discovery.RegionalBaseUrl}; may log in with: {string.Join(", ", discovery.Authenticate ?? [])}");

        var credentials = new MimecastUserCredentials(emailAddress, password, MimecastAuthType.Cloud);
        var binding = await loginClient.Login.LoginAsync(credentials, cancellationToken);
        Console.WriteLine($"New binding, valid for {binding.Lifetime}");

        // Keep binding.AccessKey and binding.SecretKey in your secret store; these options sign data calls with them.
        MimecastApi1Options api1 = binding.ToApi1Options(appId, appKey);
        #endregion
        return api1;
    }

    public static async Task RefreshAsync(IMimecastClient client, IMimecastClient loginClient, MimecastUserCredentials credentials, string accessKey,
        CancellationToken cancellationToken)
    {
        #region snippet: auth-refresh
        try
        {
            await client.Ttp.GetUrlLogsPageAsync(null, null, cancellationToken);
        }
        catch (MimecastBindingExpiredException)
        {
            // HTTP 418 / err_xdk_binding_expired: extend the same access key in place rather than logging in again
            // (Mimecast limits the number of bindings per user), then try once more.
            await loginClient.Login.RefreshTokenAsync(credentials, accessKey, cancellationToken);
            await client.Ttp.GetUrlLogsPageAsync(null, null, cancellationToken);
        }
        #endregion
    }
}

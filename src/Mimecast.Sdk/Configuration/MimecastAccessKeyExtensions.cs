using Mimecast.Sdk.Models;

namespace Mimecast.Sdk;

/// <summary>Turns an API 1.0 binding from <see cref="ILoginClient.LoginAsync"/> into client options.</summary>
public static class MimecastAccessKeyExtensions
{
    /// <summary>Builds API 1.0 options that sign with this binding.</summary>
    /// <param name="binding">The binding (access key and secret key) from a login or refresh.</param>
    /// <param name="appId">The application id.</param>
    /// <param name="appKey">The application key.</param>
    /// <returns>Options to assign to <see cref="MimecastClientOptions.Api1"/>.</returns>
    public static MimecastApi1Options ToApi1Options(this MimecastAccessKey binding, string appId, string appKey)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return new() { AppId = appId, AppKey = appKey, AccessKey = binding.AccessKey, SecretKey = binding.SecretKey };
    }
}

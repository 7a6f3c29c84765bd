using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mimecast.Sdk.Auth;

namespace Mimecast.Sdk.DependencyInjection;

/// <summary>Checks each named client's options at start-up (and on every change) with messages that say what to fix.</summary>
internal sealed class MimecastClientOptionsValidator : IValidateOptions<MimecastClientOptions>
{
    private const int MinResponseSize = 1024;
    private const int MaxResponseSize = 1024 * 1024 * 1024;
    private const int MaxParallelDownloads = 64;
    private const int MaxRelists = 100;

    // Polly's retry refuses delays beyond a day; so do we, at start-up, with the setting's name.
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    private readonly IServiceProvider _services;

    public MimecastClientOptionsValidator(IServiceProvider services)
    {
        _services = services;
    }

    public ValidateOptionsResult Validate(string? name, MimecastClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var label = string.IsNullOrEmpty(name) ? "the default Mimecast client" : $"Mimecast client '{name}'";
        var failures = new List<string>();
        var customAuth = HasCustomAuth(name ?? string.Empty);

        var api1Binding = options.Api1 is { HasBinding: true };
        if (api1Binding && options.Api2 is not null)
        {
            failures.Add($"{label}: configure exactly one credential set for data calls, Api1 (AccessKey/SecretKey) or Api2, not both.");
        }

        if (!customAuth && options.Api2 is null && options.Api1 is null)
        {
            failures.Add($"{label}: no credentials. Set Api1 (AppId, AppKey, AccessKey, SecretKey) for API 1.0 or Api2 (ClientId, ClientSecret) for API 2.0.");
        }

        if (options.Api1 is { } api1)
        {
            if (string.IsNullOrWhiteSpace(api1.AppId))
            {
                failures.Add($"{label}: Api1.AppId is required.");
            }

            if (api1Binding || options.Api2 is null)
            {
                if (string.IsNullOrWhiteSpace(api1.AppKey))
                {
                    failures.Add($"{label}: Api1.AppKey is required.");
                }
            }

            if (api1Binding)
            {
                if (string.IsNullOrWhiteSpace(api1.AccessKey))
                {
                    failures.Add($"{label}: Api1.AccessKey is required when Api1.SecretKey is set.");
                }

                if (string.IsNullOrWhiteSpace(api1.SecretKey))
                {
                    failures.Add($"{label}: Api1.SecretKey is required when Api1.AccessKey is set.");
                }
                else if (!IsBase64(api1.SecretKey))
                {
                    failures.Add($"{label}: Api1.SecretKey is not valid base64; use the secret key exactly as Mimecast issued it.");
                }
            }

            if (options.BaseUrl is null && options.Api2 is null)
            {
                failures.Add($"{label}: BaseUrl is required for API 1.0: the account's regional host, e.g. https://eu-api.mimecast.com (DiscoverAuthenticationAsync names it).");
            }
        }

        if (options.Api2 is { } api2)
        {
            if (string.IsNullOrWhiteSpace(api2.ClientId))
            {
                failures.Add($"{label}: Api2.ClientId is required.");
            }

            if (string.IsNullOrEmpty(api2.ClientSecret))
            {
                failures.Add($"{label}: Api2.ClientSecret is required.");
            }

            if (api2.RefreshBeforeExpiry < TimeSpan.Zero || api2.TokenRequestTimeout <= TimeSpan.Zero)
            {
                failures.Add($"{label}: Api2.RefreshBeforeExpiry must not be negative and Api2.TokenRequestTimeout must be positive.");
            }
            else if (api2.TokenRequestTimeout > OneDay)
            {
                failures.Add($"{label}: Api2.TokenRequestTimeout must be at most 1 day (it bounds the one token request every caller waits for).");
            }
        }

        CheckUrl(options.BaseUrl, "BaseUrl", label, failures);
        CheckUrl(options.DiscoveryUrl, "DiscoveryUrl", label, failures);
        CheckUrl(options.Api1?.BaseUrl, "Api1.BaseUrl", label, failures);
        if (options.Api1?.BaseUrl is { IsAbsoluteUri: true } api1Host && api1Host.Host.EndsWith("services.mimecast.com", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{label}: Api1.BaseUrl is an API 2.0 gateway ({api1Host.Host}); it must be the account's API 1.0 regional host, e.g. https://eu-api.mimecast.com.");
        }

        if (options.Paging is not { MaxPages: >= 1 } paging || paging.MaxDuration <= TimeSpan.Zero)
        {
            failures.Add($"{label}: Paging must be set, with MaxPages >= 1 and MaxDuration positive (or unset for no bound).");
        }

        if (options.DefaultPageSize is < 1 or > 10_000)
        {
            failures.Add($"{label}: DefaultPageSize must be between 1 and 10000 (Mimecast's own connectors use 500).");
        }

        if (options.MaxResponseSize is < MinResponseSize or > MaxResponseSize)
        {
            failures.Add($"{label}: MaxResponseSize must be between {MinResponseSize} bytes (1 KiB) and {MaxResponseSize} bytes (1 GiB); the default is 32 MiB.");
        }

        var rate = options.RateLimit;
        if (rate is null || options.Retry is null)
        {
            failures.Add($"{label}: RateLimit and Retry must not be null.");
        }
        else
        {
            if (rate.MaxWait < TimeSpan.Zero || rate.MaxRetries < 0 || rate.FallbackDelay <= TimeSpan.Zero || rate.MaxFallbackDelay < rate.FallbackDelay)
            {
                failures.Add($"{label}: RateLimit needs MaxWait >= 0, MaxRetries >= 0, FallbackDelay > 0 and MaxFallbackDelay >= FallbackDelay.");
            }

            var retry = options.Retry;
            if (retry.MaxRetryAttempts is < 0 or > 20 || retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
            {
                failures.Add($"{label}: Retry needs MaxRetryAttempts between 0 and 20, BaseDelay >= 0 and MaxDelay >= BaseDelay.");
            }

            if (rate.FallbackDelay > OneDay || rate.MaxFallbackDelay > OneDay)
            {
                failures.Add($"{label}: RateLimit.FallbackDelay and RateLimit.MaxFallbackDelay must be at most 1 day.");
            }

            if (retry.BaseDelay > OneDay || retry.MaxDelay > OneDay)
            {
                failures.Add($"{label}: Retry.BaseDelay and Retry.MaxDelay must be at most 1 day.");
            }

            if (retry.AttemptTimeout <= TimeSpan.Zero && retry.AttemptTimeout != Timeout.InfiniteTimeSpan)
            {
                failures.Add($"{label}: Retry.AttemptTimeout must be positive (or Timeout.InfiniteTimeSpan for none).");
            }

            if (retry.TotalTimeout <= TimeSpan.Zero && retry.TotalTimeout != Timeout.InfiniteTimeSpan)
            {
                failures.Add($"{label}: Retry.TotalTimeout must be positive (or Timeout.InfiniteTimeSpan for none).");
            }
            else if (retry.TotalTimeout != Timeout.InfiniteTimeSpan && retry.AttemptTimeout > TimeSpan.Zero && retry.TotalTimeout < retry.AttemptTimeout)
            {
                failures.Add($"{label}: Retry.TotalTimeout ({retry.TotalTimeout}) must not be shorter than Retry.AttemptTimeout ({retry.AttemptTimeout}): it bounds all attempts together.");
            }
        }

        CheckSiem(options.Siem, label, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // SIEM settings are read only when a SIEM operation runs: checked here so a bad value fails the start, not a poll hours later.
    private static void CheckSiem(MimecastSiemOptions? siem, string label, List<string> failures)
    {
        if (siem is null)
        {
            failures.Add($"{label}: Siem must not be null.");
            return;
        }

        CheckPacing(siem.StreamPacing, "Siem.StreamPacing", label, failures);
        CheckPacing(siem.BatchListPacing, "Siem.BatchListPacing", label, failures);
        if (siem.MaxParallelDownloads is < 1 or > MaxParallelDownloads)
        {
            failures.Add($"{label}: Siem.MaxParallelDownloads must be between 1 and {MaxParallelDownloads} (the default is 4).");
        }

        if ((siem.DownloadTimeout <= TimeSpan.Zero && siem.DownloadTimeout != Timeout.InfiniteTimeSpan) || siem.DownloadTimeout > OneDay)
        {
            failures.Add($"{label}: Siem.DownloadTimeout must be positive and at most 1 day (or Timeout.InfiniteTimeSpan for none); the default is 10 minutes.");
        }

        if (siem.ExpiredLinkRelists is < 0 or > MaxRelists)
        {
            failures.Add($"{label}: Siem.ExpiredLinkRelists must be between 0 and {MaxRelists} (the default is 2).");
        }

        if (!Enum.IsDefined(siem.MalformedLines))
        {
            failures.Add($"{label}: Siem.MalformedLines must be Throw or SkipAndReport.");
        }
    }

    private static void CheckPacing(MimecastCallPacing? pacing, string property, string label, List<string> failures)
    {
        if (pacing is null)
        {
            failures.Add($"{label}: {property} must not be null (set Limit to 0 for no pacing).");
        }
        else if (pacing.Limit < 0)
        {
            failures.Add($"{label}: {property}.Limit must not be negative (0 turns pacing off).");
        }
        else if (pacing.Limit > 0 && (pacing.Window <= TimeSpan.Zero || pacing.Window > OneDay))
        {
            failures.Add($"{label}: {property}.Window must be positive and at most 1 day when {property}.Limit is set.");
        }
    }

    private bool HasCustomAuth(string name)
    {
        if (_services.GetService<IServiceProviderIsKeyedService>() is { } keyed && keyed.IsKeyedService(typeof(IMimecastAuth), name))
        {
            return true;
        }

        return name.Length == 0 && _services.GetService<IServiceProviderIsService>() is { } plain && plain.IsService(typeof(IMimecastAuth));
    }

    private static void CheckUrl(Uri? url, string property, string label, List<string> failures)
    {
        if (url is null)
        {
            return;
        }

        if (!url.IsAbsoluteUri)
        {
            failures.Add($"{label}: {property} must be an absolute URL.");
            return;
        }

        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && loopback))
        {
            failures.Add($"{label}: {property} must use https (http is accepted only for a loopback address such as the simulator's).");
        }
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[256];
        return value.Length <= 340 ? Convert.TryFromBase64String(value, buffer, out _) : Convert.TryFromBase64String(value, new byte[value.Length], out _);
    }
}

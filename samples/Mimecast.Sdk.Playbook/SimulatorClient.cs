using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Playbook;

/// <summary>Points a client at the embedded simulator's demo account (a real tenant: its regional host and your credentials).</summary>
internal static class SimulatorClient
{
    public static void Configure(MimecastClientOptions o, Uri baseUrl, MimecastApiGeneration generation)
    {
        o.BaseUrl = baseUrl;
        o.DiscoveryUrl = baseUrl;
        if (generation == MimecastApiGeneration.Api1)
        {
            o.Api1 = new()
            {
                AppId = MimecastSimulatorDefaults.AppId,
                AppKey = MimecastSimulatorDefaults.AppKey,
                AccessKey = MimecastSimulatorDefaults.AccessKey,
                SecretKey = MimecastSimulatorDefaults.SecretKey,
            };
        }
        else
        {
            o.Api2 = new() { ClientId = MimecastSimulatorDefaults.ClientId, ClientSecret = MimecastSimulatorDefaults.ClientSecret };
        }
    }
}

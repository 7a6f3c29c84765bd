using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Mimecast.Sdk.Testing.Tests;

/// <summary>HTTPS with a given certificate (clients that refuse http:// base URLs), and the bind address option.</summary>
public sealed class TlsAndBindingTests
{
    [Fact]
    public async Task With_a_certificate_the_simulator_serves_https_with_exactly_that_certificate()
    {
        using X509Certificate2 certificate = SelfSigned();
        await using MimecastSimulator sim = await MimecastSimulator.StartAsync(new MimecastSimulatorOptions { Certificate = certificate });
        Assert.Equal("https", sim.BaseUrl.Scheme);

        byte[]? presented = null;
        using var handler = new HttpClientHandler
        {
            // Pin the certificate (a self-signed one is not in the machine's trust store).
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                presented = cert?.GetCertHash(HashAlgorithmName.SHA256);
                return presented is not null && presented.AsSpan().SequenceEqual(certificate.GetCertHash(HashAlgorithmName.SHA256));
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = sim.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var content = new StringContent($"{{\"data\":[{{\"emailAddress\":\"{MimecastSimulatorDefaults.EmailAddress}\"}}]}}", Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/login/discover-authentication") { Content = content };
        request.Headers.TryAddWithoutValidation("x-mc-app-id", MimecastSimulatorDefaults.AppId);
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(presented);
        Assert.Contains($"\"api\":\"{sim.BaseUrl.ToString().TrimEnd('/')}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A client that trusts only the system store refuses it: TLS is real, not plain HTTP on another port.
        using var strict = new HttpClient { BaseAddress = sim.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync("api/login/discover-authentication"));
    }

    [Fact]
    public async Task Loopback_is_the_default_bind_and_an_address_that_is_not_an_ip_is_refused()
    {
        await using MimecastSimulator sim = await MimecastSimulator.StartAsync();
        Assert.Equal("127.0.0.1", sim.BaseUrl.Host);
        await Assert.ThrowsAsync<ArgumentException>(() => MimecastSimulator.StartAsync(new MimecastSimulatorOptions { Host = "not an address" }));
        await Assert.ThrowsAsync<ArgumentException>(() => MimecastSimulator.StartAsync(new MimecastSimulatorOptions { PublicBaseUrl = new Uri("ftp://files.example/") }));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=simulator-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}

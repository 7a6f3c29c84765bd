using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mimecast.Sdk.Simulator;

/// <summary>The HTTPS certificate: one given as PEM files, or a self-signed one generated at start.</summary>
internal static class TlsCertificates
{
    /// <summary>Loads a certificate and its private key from PEM files.</summary>
    public static X509Certificate2 Load(string certificatePath, string keyPath)
    {
        using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        return Reimport(pem);
    }

    /// <summary>
    /// Generates a self-signed certificate (ECDSA P-256, valid 30 days) for localhost, 127.0.0.1, ::1 and the given
    /// extra names, and writes its public part as PEM to a new temporary folder. The private key never leaves memory.
    /// </summary>
    public static (X509Certificate2 Certificate, string PemPath) Generate(IEnumerable<string> extraNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=mimecast-simulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (string name in extraNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out IPAddress? ip))
            {
                if (!ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any))
                {
                    names.AddIpAddress(ip);
                }
            }
            else if (Uri.CheckHostName(name) == UriHostNameType.Dns && !string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                names.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));

        string folder = Directory.CreateTempSubdirectory("mimecast-simulator-").FullName;
        string pemPath = Path.Combine(folder, "certificate.pem");
        File.WriteAllText(pemPath, created.ExportCertificatePem() + Environment.NewLine);
        return (Reimport(created), pemPath);
    }

    /// <summary>The SHA-256 fingerprint as colon-separated upper-case hex (the form <c>openssl x509 -fingerprint -sha256</c> prints).</summary>
    public static string Sha256Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    // An ephemeral key cannot be used by SslStream on every platform: round-trip through PKCS#12 to get a usable one.
    private static X509Certificate2 Reimport(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
}

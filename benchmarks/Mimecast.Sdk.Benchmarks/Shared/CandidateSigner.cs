using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mimecast.Sdk.Benchmarks.Shared;

/// <summary>
/// Not the SDK: the design this benchmark suite proposes for it. Same bytes and output as
/// <c>MimecastHmacAuth.ComputeSignature</c>, but the keyed HMAC is created once per thread and reused
/// (<see cref="IncrementalHash.GetHashAndReset(Span{byte})"/>), so OpenSSL does not build a new HMAC context per request.
/// </summary>
internal sealed class CandidateSigner(byte[] secretKey, string appKey)
{
    [ThreadStatic]
    private static Dictionary<CandidateSigner, IncrementalHash>? t_hmacs;

    public string ComputeSignature(string date, string requestId, string path)
    {
        var hmacs = t_hmacs ??= new Dictionary<CandidateSigner, IncrementalHash>(ReferenceEqualityComparer.Instance);
        if (!hmacs.TryGetValue(this, out var hmac))
        {
            hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, secretKey);
            hmacs[this] = hmac;
        }

        Span<byte> buffer = stackalloc byte[512];
        var length = Encoding.UTF8.GetBytes(date, buffer);
        buffer[length++] = (byte)':';
        length += Encoding.UTF8.GetBytes(requestId, buffer[length..]);
        buffer[length++] = (byte)':';
        length += Encoding.UTF8.GetBytes(path, buffer[length..]);
        buffer[length++] = (byte)':';
        length += Encoding.UTF8.GetBytes(appKey, buffer[length..]);
        hmac.AppendData(buffer[..length]);
        Span<byte> mac = stackalloc byte[20];
        hmac.GetHashAndReset(mac);
        Span<byte> base64 = stackalloc byte[28];
        Base64.EncodeToUtf8(mac, base64, out _, out var written);
        return Encoding.ASCII.GetString(base64[..written]);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mimecast.Sdk.Benchmarks.Shared;

/// <summary>
/// The straightforward API 1.0 signer most hand-written integrations contain: a new <see cref="HMACSHA1"/> per call,
/// string concatenation and <see cref="Convert.ToBase64String(byte[])"/>. The baseline of the signing benchmarks and
/// the signer of the hand-written drain loop.
/// </summary>
internal sealed class NaiveSigner
{
    private readonly string _appId;
    private readonly string _appKey;
    private readonly string _accessKey;
    private readonly byte[] _secretKey;

    public NaiveSigner(string appId, string appKey, string accessKey, string secretKeyBase64)
    {
        _appId = appId;
        _appKey = appKey;
        _accessKey = accessKey;
        _secretKey = Convert.FromBase64String(secretKeyBase64);
    }

    public string ComputeSignature(string date, string requestId, string path)
    {
        using var hmac = new HMACSHA1(_secretKey);
        var toSign = date + ":" + requestId + ":" + path + ":" + _appKey;
        var mac = hmac.ComputeHash(Encoding.UTF8.GetBytes(toSign));
        return Convert.ToBase64String(mac);
    }

    /// <summary>Signs one attempt the naive way: date, request id, signature and the four headers.</summary>
    public void Apply(HttpRequestMessage request, DateTimeOffset now)
    {
        var date = now.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
        var requestId = Guid.NewGuid().ToString();
        var signature = ComputeSignature(date, requestId, request.RequestUri!.AbsolutePath);
        Set(request, "x-mc-date", date);
        Set(request, "x-mc-req-id", requestId);
        Set(request, "x-mc-app-id", _appId);
        Set(request, "Authorization", "MC " + _accessKey + ":" + signature);
    }

    private static void Set(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }
}

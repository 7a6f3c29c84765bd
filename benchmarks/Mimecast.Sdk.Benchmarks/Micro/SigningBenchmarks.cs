using BenchmarkDotNet.Attributes;
using Mimecast.Sdk.Auth;
using Mimecast.Sdk.Benchmarks.Shared;

namespace Mimecast.Sdk.Benchmarks.Micro;

/// <summary>
/// Figure 1: one API 1.0 signature (HMAC-SHA1 over <c>date:reqId:path:appKey</c>, base64). The SDK's span-based
/// signer against the straightforward one (new HMACSHA1 per call, string concatenation, Convert.ToBase64String).
/// </summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    // The worked test vector of docs/mimecast-api.md.
    internal const string AppKey = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    internal const string SecretKey = "c3VwZXItc2VjcmV0LXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=";
    internal const string Date = "Tue, 24 Nov 2026 10:03:07 UTC";
    internal const string RequestId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    internal const string Path = "/api/ttp/url/get-logs";
    internal const string Expected = "OAlSxq4B5Hnx4XyZaknnYPgtnGQ=";

    private MimecastHmacAuth _sdk = null!;
    private NaiveSigner _naive = null!;
    private CandidateSigner _candidate = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sdk = Signers.Sdk(AppKey, SecretKey);
        _naive = new NaiveSigner("app-id", AppKey, "AccessKey", SecretKey);
        _candidate = new CandidateSigner(Convert.FromBase64String(SecretKey), AppKey);
        if (_sdk.ComputeSignature(Date, RequestId, Path) != Expected || _naive.ComputeSignature(Date, RequestId, Path) != Expected
            || _candidate.ComputeSignature(Date, RequestId, Path) != Expected)
        {
            throw new InvalidOperationException("A signer does not reproduce the worked test vector.");
        }
    }

    [Benchmark(Baseline = true, Description = "naive: new HMACSHA1 + concat + ToBase64String")]
    public string Naive() => _naive.ComputeSignature(Date, RequestId, Path);

    [Benchmark(Description = "SDK: MimecastHmacAuth.ComputeSignature")]
    public string Sdk() => _sdk.ComputeSignature(Date, RequestId, Path);

    [Benchmark(Description = "proposal: HMAC reused per thread (not in the SDK)")]
    public string Candidate() => _candidate.ComputeSignature(Date, RequestId, Path);
}

/// <summary>
/// Figure 1 (whole request): everything one signed attempt costs — date header, fresh GUID, signature, and the four
/// headers replaced on a reused <see cref="HttpRequestMessage"/> — the SDK's <c>ApplyAsync</c> against the naive signer.
/// </summary>
[MemoryDiagnoser]
public class SignedRequestBenchmarks : IDisposable
{
    private MimecastHmacAuth _sdk = null!;
    private NaiveSigner _naive = null!;
    private HttpRequestMessage _sdkRequest = null!;
    private HttpRequestMessage _naiveRequest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sdk = Signers.Sdk(SignatureBenchmarks.AppKey, SignatureBenchmarks.SecretKey);
        _naive = new NaiveSigner("app-id", SignatureBenchmarks.AppKey, "AccessKey", SignatureBenchmarks.SecretKey);
        _sdkRequest = new HttpRequestMessage(HttpMethod.Post, "https://eu-api.mimecast.com/api/ttp/url/get-logs");
        _naiveRequest = new HttpRequestMessage(HttpMethod.Post, "https://eu-api.mimecast.com/api/ttp/url/get-logs");
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _sdkRequest?.Dispose();
        _naiveRequest?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "naive: sign + set 4 headers")]
    public void Naive() => _naive.Apply(_naiveRequest, DateTimeOffset.UtcNow);

    [Benchmark(Description = "SDK: MimecastHmacAuth.ApplyAsync")]
    public ValueTask Sdk() => _sdk.ApplyAsync(_sdkRequest, CancellationToken.None);
}

internal static class Signers
{
    public static MimecastHmacAuth Sdk(string appKey, string secretKey) =>
        new(new MimecastApi1Options { AppId = "app-id", AppKey = appKey, AccessKey = "AccessKey", SecretKey = secretKey });
}

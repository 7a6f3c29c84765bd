using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mimecast.Sdk.Auth;

/// <summary>
/// API 1.0 authenticator: signs every attempt with HMAC-SHA1 over <c>{x-mc-date}:{x-mc-req-id}:{path}:{appKey}</c>
/// using the base64-decoded secret key, with a fresh date and request id per attempt.
/// </summary>
public sealed class MimecastHmacAuth : IMimecastAuth
{
    private const int StackLimit = 512;

    private readonly string _appId;
    private readonly string _appKey;
    private readonly string _accessKey;
    private readonly byte[] _secretKey;
    private readonly TimeProvider _timeProvider;

    // One keyed HMAC kept for reuse saves the key schedule on every signature; concurrent signers that find the
    // slot empty make their own and the spare one is disposed.
    private IncrementalHash? _spareHmac;

    /// <summary>Creates an API 1.0 authenticator.</summary>
    /// <param name="credentials">The application id and key and the user's access and secret keys.</param>
    /// <param name="timeProvider">The clock for <c>x-mc-date</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A credential is missing, or the secret key is not valid base64.</exception>
    public MimecastHmacAuth(MimecastApi1Options credentials, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _appId = Require(credentials.AppId, nameof(credentials.AppId));
        _appKey = Require(credentials.AppKey, nameof(credentials.AppKey));
        _accessKey = Require(credentials.AccessKey, nameof(credentials.AccessKey));
        _secretKey = DecodeSecretKey(Require(credentials.SecretKey, nameof(credentials.SecretKey)));
        _timeProvider = timeProvider ?? TimeProvider.System;
        PartitionKey = "api1:" + PartitionHash.Of(_accessKey);
    }

    /// <inheritdoc />
    public MimecastApiGeneration Generation => MimecastApiGeneration.Api1;

    /// <inheritdoc />
    /// <remarks>Derived from a hash of the access key, so requests made with the same binding share one bucket.</remarks>
    public string PartitionKey { get; }

    /// <inheritdoc />
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var date = MimecastDateFormat.Format(_timeProvider.GetUtcNow());
        var requestId = Guid.NewGuid().ToString();
        var signature = ComputeSignature(date, requestId, uri.AbsolutePath);

        MimecastHeaders.Set(request, MimecastHeaders.Date, date);
        MimecastHeaders.Set(request, MimecastHeaders.RequestId, requestId);
        MimecastHeaders.Set(request, MimecastHeaders.AppId, _appId);
        MimecastHeaders.Set(request, "Authorization", string.Concat("MC ", _accessKey, ":", signature));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>A 401 on API 1.0 means a wrong key or signature: new credentials cannot be obtained, so this returns <see langword="false"/>.</remarks>
    public ValueTask<bool> OnUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken) => new(false);

    /// <summary>Returns a description that names the application id and never a key.</summary>
    public override string ToString() => $"MimecastHmacAuth(AppId={_appId}, AccessKey=***)";

    /// <summary>Computes the base64 HMAC-SHA1 signature of one request.</summary>
    internal string ComputeSignature(string date, string requestId, string path)
    {
        int maxBytes = Encoding.UTF8.GetMaxByteCount(date.Length + requestId.Length + path.Length + _appKey.Length + 3);
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            int length = 0;
            length += Encoding.UTF8.GetBytes(date, buffer[length..]);
            buffer[length++] = (byte)':';
            length += Encoding.UTF8.GetBytes(requestId, buffer[length..]);
            buffer[length++] = (byte)':';
            length += Encoding.UTF8.GetBytes(path, buffer[length..]);
            buffer[length++] = (byte)':';
            length += Encoding.UTF8.GetBytes(_appKey, buffer[length..]);

            Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
            // HMAC-SHA1 is what Mimecast API 1.0 specifies; the choice is not ours.
            var hmac = Interlocked.Exchange(ref _spareHmac, null) ?? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, _secretKey);
            hmac.AppendData(buffer[..length]);
            hmac.GetHashAndReset(mac);
            if (Interlocked.CompareExchange(ref _spareHmac, hmac, null) is not null)
            {
                hmac.Dispose();
            }

            Span<byte> base64 = stackalloc byte[28];
            Base64.EncodeToUtf8(mac, base64, out _, out int written);
            return Encoding.ASCII.GetString(base64[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented);
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static byte[] DecodeSecretKey(string secretKey)
    {
        try
        {
            return Convert.FromBase64String(secretKey);
        }
        catch (FormatException)
        {
            // The exception deliberately carries neither the key nor the FormatException (whose message can echo input).
            throw new ArgumentException("The API 1.0 secret key is not valid base64. Use the secret key exactly as Mimecast issued it.", nameof(secretKey));
        }
    }

    private static string Require(string? value, string name) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"The API 1.0 credential '{name}' is required.", name)
            : value;
}

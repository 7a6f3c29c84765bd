using System.Security.Cryptography;
using System.Text;

namespace Mimecast.Sdk.Auth;

/// <summary>Turns a credential identifier into a short, non-reversible token fit for bucket keys and telemetry.</summary>
internal static class PartitionHash
{
    internal static string Of(string value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}

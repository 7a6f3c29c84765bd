using Mimecast.Sdk.Http;

namespace Mimecast.Sdk.Operations;

/// <summary>The account family's descriptor: one read on both generations, no item in <c>data</c>.</summary>
internal static class AccountOperations
{
    internal static readonly MimecastOperation GetAccount = new("get-account", "/api/account/get-account");
}

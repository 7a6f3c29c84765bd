using System.Globalization;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The account family, <c>POST /api/account/get-account</c> (API 1.0 and 2.0): one <see cref="ActionEndpoint"/> taking
/// no item or one empty item, answering <c>data[0]</c> with the account record, seeded per account in its
/// <see cref="KeyedStore{T}"/>. The smallest stateful family on the kit: a new family adds its store record, its
/// operations (one <see cref="ActionEndpoint"/> each) and one line in <see cref="SimulatorEndpoints.Create"/>.
/// </summary>
internal sealed class AccountEndpoints(EndpointKit kit) : ISimulatorEndpointFamily
{
    public const string GetAccountPath = "/api/account/get-account";

    public IEnumerable<SimulatorRoute> Routes => [new ActionEndpoint(kit, GetAccountPath, 0, 1, GetAccount).Route];

    private static void GetAccount(AccountState account, JsonElement item, ItemAnswer answer)
    {
        SimulatorAccountRecord record = account.Store(Seed).Values.First();
        answer.Data(w => record.Write(w));
    }

    private static KeyedStore<SimulatorAccountRecord> Seed(AccountState account)
    {
        var random = new Random(KeyMaterial.Mix(account.Account.Seed, KeyMaterial.StableHash(account.Email.ToUpperInvariant()), 0xacc0));
        var store = new KeyedStore<SimulatorAccountRecord>(random);
        string name = account.Domain.Split('.')[0];
        store.Put(store.Mint(), new SimulatorAccountRecord(
            AccountName: char.ToUpperInvariant(name[0]) + name[1..] + " Ltd",
            AccountCode: "C" + random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture) + "A" + random.Next(10, 99).ToString(CultureInfo.InvariantCulture),
            MimecastId: "01-" + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + "-" + random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture),
            Region: "eu",
            UserCount: random.Next(50, 5_000),
            Packages: ["Advanced Threat Protection [1065]", "Targeted Threat Protection - URL Protect [1058]", "Mimecast Cloud Archive [1015]"],
            SupportCode: "M" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
            MaxRetention: 99 * 365));
        return store;
    }
}

/// <summary>The account record of <c>get-account</c> (the fields SOAR integrations read; Mimecast returns more).</summary>
internal sealed record SimulatorAccountRecord(string AccountName, string AccountCode, string MimecastId, string Region, int UserCount, IReadOnlyList<string> Packages, string SupportCode, int MaxRetention)
{
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("region", Region);
        w.WriteBoolean("archive", true);
        w.WriteBoolean("gateway", true);
        w.WriteString("supportCode", SupportCode);
        w.WriteNumber("maxRetention", MaxRetention);
        w.WriteBoolean("maxRetentionConfirmed", true);
        w.WriteString("type", "full");
        w.WriteString("accountName", AccountName);
        w.WriteString("accountCode", AccountCode);
        w.WriteString("mimecastId", MimecastId);
        w.WriteNumber("userCount", UserCount);
        JsonOut.WriteStrings(w, "packages", Packages);
        w.WriteEndObject();
    }
}

using System.Globalization;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// A message in an account's held queue (<c>/api/gateway/get-hold-message-list</c>), served with camelCase field
/// names; <see cref="DateReceived"/> as <c>yyyy-MM-ddTHH:mm:ss+0000</c>. Add them with
/// <c>sim.Records&lt;SimulatorHeldMessage&gt;()</c> or <c>POST /_simulator/records/held</c>; an older
/// <see cref="DateReceived"/> makes a late arrival.
/// </summary>
public sealed record SimulatorHeldMessage : ISimulatorLog
{
    /// <summary>The simulator's internal, unique, increasing sequence number (not on the wire). Assigned when added; ignored on input.</summary>
    public long Sequence { get; init; }

    /// <summary>Wire field <c>id</c>: the opaque held id release and reject take. Generated when added with an empty id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Wire field <c>dateReceived</c> (whole seconds, UTC).</summary>
    public DateTimeOffset DateReceived { get; init; }

    /// <summary>Wire field <c>from.emailAddress</c> (also <c>fromHeader</c>).</summary>
    public string From { get; init; } = string.Empty;

    /// <summary>Wire field <c>to.emailAddress</c>.</summary>
    public string To { get; init; } = string.Empty;

    /// <summary>Wire field <c>subject</c>.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Wire field <c>reason</c>, e.g. <c>Relaxed Spam Detection</c>.</summary>
    public string Reason { get; init; } = "Relaxed Spam Detection";

    /// <summary>Wire field <c>reasonCode</c>, e.g. <c>spam</c>.</summary>
    public string ReasonCode { get; init; } = "spam";

    /// <summary>Wire field <c>route</c>, upper case as Mimecast sends it (<c>INBOUND</c>, <c>OUTBOUND</c>, <c>INTERNAL</c>).</summary>
    public string Route { get; init; } = "INBOUND";

    /// <summary>Wire field <c>policyInfo</c>: the policy that held it (the summary groups by it).</summary>
    public string PolicyInfo { get; init; } = "Spam Scanning";

    /// <summary>The held group the <c>filterBy</c> <c>heldGroup</c> matches (<c>administrator</c>, <c>moderator</c>, <c>user</c>); not in the list answer.</summary>
    public string HeldGroup { get; init; } = "administrator";

    /// <summary>Wire field <c>hasAttachments</c>.</summary>
    public bool HasAttachments { get; init; }

    /// <summary>Wire field <c>size</c> in bytes.</summary>
    public long Size { get; init; } = 2048;

    /// <summary>The Internet Message-ID the message finder finds it by (not in the list answer). Generated when empty.</summary>
    public string MessageId { get; init; } = string.Empty;

    /// <summary>The sending IP address (message finder <c>senderIP</c>, held search <c>senderIP</c>).</summary>
    public string SenderIp { get; init; } = "198.51.100.7";

    /// <summary>The message finder's tracking id of the message (opaque; not in the list answer). Generated when added.</summary>
    public string TrackingId { get; init; } = string.Empty;

    /// <summary>The address of the account's API user: <c>admin:false</c> lists only messages held for it.</summary>
    internal string Owner { get; init; } = string.Empty;

    DateTimeOffset ISimulatorLog.Timestamp => DateReceived;

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("reason", Reason);
        w.WriteString("reasonId", "HELD_" + ReasonCode.ToUpperInvariant());
        w.WriteString("reasonCode", ReasonCode);
        WriteAddress(w, "from", From);
        WriteAddress(w, "fromHeader", From);
        WriteAddress(w, "to", To);
        w.WriteString("subject", Subject);
        w.WriteString("route", Route);
        w.WriteBoolean("hasAttachments", HasAttachments);
        w.WriteNumber("size", Size);
        w.WriteString("dateReceived", JsonOut.WireDate(DateReceived));
        w.WriteString("policyInfo", PolicyInfo);
        w.WriteEndObject();
    }

    internal static void WriteAddress(Utf8JsonWriter w, string name, string address)
    {
        w.WriteStartObject(name);
        w.WriteString("emailAddress", address);
        w.WriteString("displayableName", address.Split('@')[0]);
        w.WriteEndObject();
    }
}

/// <summary>
/// An account's held queue: the held messages sorted by (dateReceived, sequence), found by id; released and rejected
/// messages leave it and are remembered for the message finder (delivered, rejected). Guarded by the simulator's lock.
/// </summary>
internal sealed class HeldQueue
{
    private const int Seeded = 12;
    private readonly KeyedStore<SimulatorHeldMessage> _byId;
    private readonly AccountState _account;

    private HeldQueue(AccountState account)
    {
        _account = account;
        Random = new Random(KeyMaterial.Mix(account.Account.Seed, KeyMaterial.StableHash(account.Email.ToUpperInvariant()), 0x4e1d));
        _byId = new KeyedStore<SimulatorHeldMessage>(Random);
    }

    public Random Random { get; }

    /// <summary>The held messages, sorted by (dateReceived, sequence).</summary>
    public LogStore<SimulatorHeldMessage> Held { get; } = new();

    /// <summary>The messages that left the queue, with their tracking status (<c>delivered</c> or <c>rejected</c>).</summary>
    public List<(SimulatorHeldMessage Message, string Status)> Done { get; } = [];

    /// <summary>The account's queue, seeded on first use with a dozen messages held over the last two days.</summary>
    public static HeldQueue Of(AccountState account, TimeProvider time) => account.Store(a =>
    {
        var queue = new HeldQueue(a);
        foreach (DateTimeOffset t in LogGenerator.Timestamps(queue.Random, Seeded, time.GetUtcNow(), TimeSpan.FromDays(2)))
        {
            queue.Add(LogGenerator.Held(queue.Random, t, a.Domain));
        }

        return queue;
    });

    /// <summary>Stores a message: sequence assigned, time truncated to seconds, empty ids generated.</summary>
    public SimulatorHeldMessage Add(SimulatorHeldMessage message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message.To, nameof(message));
        SimulatorHeldMessage stored = message with
        {
            Sequence = _account.NextSequence++,
            Owner = _account.Email,
            DateReceived = LogGenerator.Truncate(message.DateReceived),
            Id = message.Id.Length > 0 ? message.Id : _byId.Mint(),
            TrackingId = message.TrackingId.Length > 0 ? message.TrackingId : "trk" + _byId.Mint(),
            MessageId = message.MessageId.Length > 0 ? message.MessageId : string.Create(CultureInfo.InvariantCulture, $"<{Random.NextInt64():x16}@{message.From.Split('@')[^1]}>"),
        };
        _byId.Put(stored.Id, stored);
        Held.Add(stored);
        return stored;
    }

    /// <summary>Takes a held message out of the queue (release or reject); false when it is not held (any more).</summary>
    public bool Take(string id, string status)
    {
        if (_byId.Find(id) is not { } message)
        {
            return false;
        }

        _byId.Remove(id);
        Held.Items.RemoveAt(LogStore<SimulatorHeldMessage>.FirstAtOrAfter(Held.Items, message.DateReceived, message.Sequence));
        Done.Add((message, status));
        return true;
    }
}

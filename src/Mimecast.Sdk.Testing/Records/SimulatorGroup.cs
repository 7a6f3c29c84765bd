namespace Mimecast.Sdk.Testing;

/// <summary>
/// A profile group the simulator serves on <c>/api/directory/find-groups</c> (a "folder" on the wire). Add one with
/// <c>sim.Records&lt;SimulatorGroup&gt;().Add(new SimulatorGroup { Description = "Blocked Senders" })</c> or
/// <c>POST /_simulator/records/group</c>. Six groups are seeded per account (among them "Permitted senders" and
/// "Blocked Senders", two of them with members).
/// </summary>
public sealed record SimulatorGroup : ISimulatorLog
{
    /// <summary>Gets the simulator's internal sequence number (not on the wire). Assigned when added; ignored on input.</summary>
    public long Sequence { get; init; }

    /// <summary>Gets the group's opaque id (<c>eNo…</c>); generated when empty.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the group's name (wire field <c>description</c>).</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Gets where the group comes from: <c>cloud</c> or <c>ldap</c>.</summary>
    public string Source { get; init; } = "cloud";

    /// <summary>Gets the parent group's id, if any.</summary>
    public string? ParentId { get; init; }

    /// <summary>Gets when the group was created (orders the listing); the simulator clock's now when default.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Gets or sets the member count served as <c>userCount</c> (kept by the simulator under its lock).</summary>
    internal int MemberCount { get; set; }

    DateTimeOffset ISimulatorLog.Timestamp => Created;
}

/// <summary>A member of a simulated group: an address or a domain.</summary>
internal sealed record SimulatorGroupMember(long Sequence, DateTimeOffset Added, string Id, string GroupId, string? EmailAddress, string? Domain, string? Notes, bool Internal)
    : ISimulatorLog
{
    DateTimeOffset ISimulatorLog.Timestamp => Added;

    /// <summary>Whether this member is the address or domain of a request item (case-insensitive).</summary>
    public bool Is(string? emailAddress, string? domain) => emailAddress is not null
        ? string.Equals(EmailAddress, emailAddress, StringComparison.OrdinalIgnoreCase)
        : domain is not null && string.Equals(Domain, domain, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The groups and members of one account, in listing order. Guarded by the simulator's lock.</summary>
internal sealed class DirectoryState
{
    private static readonly DateTimeOffset SeedTime = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private DirectoryState(AccountState account) => Random = new Random(KeyMaterial.Mix(account.Account.Seed, KeyMaterial.StableHash(account.Email.ToUpperInvariant()), 0xd1e));

    public LogStore<SimulatorGroup> Groups { get; } = new();

    public LogStore<SimulatorGroupMember> Members { get; } = new();

    public Random Random { get; }

    public long NextSequence { get; set; } = 1;

    /// <summary>The account's directory, seeded on first use.</summary>
    public static DirectoryState Of(AccountState account) => account.Store(static a =>
    {
        var state = new DirectoryState(a);
        string[] names = ["Permitted senders", "Blocked Senders", "Executives", "Finance", "IT Security", "All Staff"];
        for (int i = 0; i < names.Length; i++)
        {
            SimulatorGroup group = state.AddGroup(new SimulatorGroup { Description = names[i], Created = SeedTime.AddMinutes(i) });
            if (names[i] is "Blocked Senders")
            {
                state.AddMember(group.Id, "spammer@bulk-mail.example", null, "seeded", false, SeedTime.AddDays(1));
                state.AddMember(group.Id, null, "known-bad.example", null, false, SeedTime.AddDays(1));
            }
            else if (names[i] is "Executives")
            {
                state.AddMember(group.Id, "ceo@" + a.Domain, null, null, true, SeedTime.AddDays(1));
                state.AddMember(group.Id, "cfo@" + a.Domain, null, null, true, SeedTime.AddDays(1));
            }
        }

        return state;
    });

    public SimulatorGroup AddGroup(SimulatorGroup group)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group.Description, nameof(group));
        SimulatorGroup stored = group with
        {
            Sequence = NextSequence++,
            Id = string.IsNullOrEmpty(group.Id) ? Mint() : group.Id,
            Created = LogGenerator.Truncate(group.Created == default ? SeedTime : group.Created),
        };
        Groups.Add(stored);
        return stored;
    }

    public SimulatorGroupMember AddMember(string groupId, string? emailAddress, string? domain, string? notes, bool isInternal, DateTimeOffset at)
    {
        var member = new SimulatorGroupMember(NextSequence++, LogGenerator.Truncate(at), Mint(), groupId, emailAddress, domain, notes, isInternal);
        Members.Add(member);
        if (Groups.Items.Find(g => g.Id == groupId) is { } group)
        {
            group.MemberCount++;
        }

        return member;
    }

    public void RemoveMember(SimulatorGroupMember member)
    {
        if (Members.Items.Remove(member) && Groups.Items.Find(g => g.Id == member.GroupId) is { } group)
        {
            group.MemberCount--;
        }
    }

    private string Mint()
    {
        var bytes = new byte[24];
        Random.NextBytes(bytes);
        return "eNo" + KeyMaterial.Base64Url(bytes);
    }
}

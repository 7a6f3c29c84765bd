namespace Mimecast.Sdk.Feed.CrashHost;

/// <summary>
/// Phase markers on stdout, one line each (<c>@@ {phase} {customer} {tag} {count}</c>), written before the step they
/// name, so a test that reads a marker and kills the process lands inside or just after that step. Console output
/// is flushed on every write.
/// </summary>
internal static class Markers
{
    public const string Prefix = "@@";

    /// <summary>A poll of one customer starts.</summary>
    public const string Poll = "poll";

    /// <summary>A page request is about to be sent (mid-poll).</summary>
    public const string Page = "page";

    /// <summary>The poll returned; nothing is committed yet (between poll and commit).</summary>
    public const string Polled = "polled";

    /// <summary>The sink is about to receive the batch (file store: before the commit).</summary>
    public const string Deliver = "deliver";

    /// <summary>Half the batch has reached the sink.</summary>
    public const string DeliverMid = "deliver-mid";

    /// <summary>The batch is in the sink and flushed to disk.</summary>
    public const string Delivered = "delivered";

    /// <summary>The commit starts (file store: checkpoint save; PostgreSQL: outbox + checkpoint transaction).</summary>
    public const string Commit = "commit";

    /// <summary>The commit returned: the checkpoint is durable.</summary>
    public const string Committed = "committed";

    /// <summary>The relay starts handing outbox rows to the sink (PostgreSQL store).</summary>
    public const string Relay = "relay";

    /// <summary>The relay has handed at least one row to the sink.</summary>
    public const string RelayMid = "relay-mid";

    /// <summary>The relay pass finished.</summary>
    public const string Relayed = "relayed";

    /// <summary>A whole round (every customer) delivered nothing and nothing waits in the outbox.</summary>
    public const string Idle = "idle";

    /// <summary>The host ran with <c>--mode until-idle</c>, reached idle and exits 0.</summary>
    public const string Done = "done";

    private static readonly Lock Gate = new();

    public static void Write(string phase, string customer = "-", string tag = "-", int count = 0)
    {
        lock (Gate)
        {
            Console.Out.Write($"{Prefix} {phase} {(customer.Length == 0 ? "-" : customer)} {tag} {count}\n");
            Console.Out.Flush();
        }
    }
}

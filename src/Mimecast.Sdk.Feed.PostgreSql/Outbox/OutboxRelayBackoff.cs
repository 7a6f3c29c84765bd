using Npgsql;

namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>The relay's pause after a failed round: doubling from the first delay to the cap when transient, the cap otherwise; jittered.</summary>
internal static class OutboxRelayBackoff
{
    /// <summary>Whether waiting may cure <paramref name="exception"/>: a connection failure or a server state Npgsql marks transient (shutting down, starting up, too many connections).</summary>
    internal static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException npgsql)
            {
                return npgsql.IsTransient;
            }

            if (e is TimeoutException or System.Net.Sockets.SocketException or IOException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pause before attempt <paramref name="failures"/> + 1: between half and all of the un-jittered delay, never above the cap.</summary>
    internal static TimeSpan Next(Exception exception, int failures, MimecastOutboxRelayOptions options, out bool transient)
    {
        transient = IsTransient(exception);
        var cap = options.MaxRetryDelay;
        var full = transient
            ? TimeSpan.FromTicks((long)Math.Min(cap.Ticks, options.RetryDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 30))))
            : cap;
        return full / 2 + TimeSpan.FromTicks((long)(full.Ticks / 2 * Random.Shared.NextDouble()));
    }
}

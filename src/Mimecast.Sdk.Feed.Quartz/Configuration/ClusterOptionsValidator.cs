using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>Checks the cluster options with messages that say what to fix (never echoing the connection string).</summary>
internal sealed partial class ClusterOptionsValidator : IValidateOptions<MimecastFeedClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, MimecastFeedClusterOptions options) =>
        Check(options) is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;

    internal static string? Check(MimecastFeedClusterOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            return "FeedCluster: ConnectionString is required (the PostgreSQL database every worker shares).";
        }

        if (!Identifier().IsMatch(o.Schema))
        {
            return "FeedCluster: Schema must be a plain PostgreSQL identifier (letters, digits, underscore; not starting with a digit).";
        }

        if (o.CheckpointSchema is null || !CheckpointIdentifier().IsMatch(o.CheckpointSchema))
        {
            return "FeedCluster: CheckpointSchema must be lowercase letters, digits and '_', starting with a letter or '_', at most 63 characters.";
        }

        if (!Identifier().IsMatch(o.TablePrefix))
        {
            return "FeedCluster: TablePrefix must be a plain identifier prefix (letters, digits, underscore).";
        }

        if (string.IsNullOrWhiteSpace(o.SchedulerName))
        {
            return "FeedCluster: SchedulerName is required; every worker of one cluster uses the same one.";
        }

        if (o.MaxConcurrentPolls < 1)
        {
            return "FeedCluster: MaxConcurrentPolls must be at least 1.";
        }

        if (o.ShardCount is < 1 or > 1024)
        {
            return "FeedCluster: ShardCount must be between 1 and 1024, and the same on every worker.";
        }

        if (o.ShardLease < TimeSpan.FromSeconds(1))
        {
            return "FeedCluster: ShardLease must be at least 1 s.";
        }

        if (o.CheckinInterval <= TimeSpan.Zero || o.CheckinMisfireThreshold <= TimeSpan.Zero || o.MisfireThreshold <= TimeSpan.Zero
            || o.ReconcileInterval <= TimeSpan.Zero || o.StalledTransactionTimeout < TimeSpan.FromSeconds(1) || o.MaxClockSkew <= TimeSpan.Zero || o.IdleWaitTime < TimeSpan.FromSeconds(1))
        {
            return "FeedCluster: CheckinInterval, CheckinMisfireThreshold, MisfireThreshold, ReconcileInterval and MaxClockSkew must be positive, IdleWaitTime and StalledTransactionTimeout at least 1 s.";
        }

        if (o.DefaultPollInterval < TimeSpan.Zero)
        {
            return "FeedCluster: DefaultPollInterval must not be negative.";
        }

        return null;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex CheckpointIdentifier();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,40}$")]
    private static partial Regex Identifier();
}

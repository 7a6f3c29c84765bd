namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>
/// Lists the customers the cluster polls (for example the tenants table of an MSSP). Every worker reads it every
/// <see cref="MimecastFeedClusterOptions.ReconcileInterval"/>: a customer that appears is scheduled, one that
/// disappears is unscheduled, one whose interval changed is re-armed, without a restart. Register your own as a
/// singleton; without one the customers of <see cref="MimecastFeedClusterOptions.Customers"/> (configuration, reloaded) are used.
/// </summary>
public interface IMimecastCustomerSource
{
    /// <summary>Lists the customers to poll now.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The customers; names must be unique and not empty.</returns>
    ValueTask<IReadOnlyCollection<MimecastFeedCustomer>> GetCustomersAsync(CancellationToken cancellationToken);
}

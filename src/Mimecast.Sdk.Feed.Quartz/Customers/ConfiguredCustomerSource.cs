using Microsoft.Extensions.Options;

namespace Mimecast.Sdk.Feed.Quartz;

/// <summary>The customers of <see cref="MimecastFeedClusterOptions.Customers"/>, read through <see cref="IOptionsMonitor{TOptions}"/> so a reloaded configuration is seen.</summary>
internal sealed class ConfiguredCustomerSource(IOptionsMonitor<MimecastFeedClusterOptions> options) : IMimecastCustomerSource
{
    public ValueTask<IReadOnlyCollection<MimecastFeedCustomer>> GetCustomersAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyCollection<MimecastFeedCustomer>>([.. options.CurrentValue.Customers]);
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mimecast.Sdk.Feed.Quartz;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public static class Cluster
{
    public static Task RunAsync(string[] args, Action<string, MimecastClientOptions> fillCredentialsFromVault, CancellationToken cancellationToken)
    {
        #region snippet: cluster-host
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddMimecastClients(fillCredentialsFromVault);                 // one client per customer
        builder.Services.AddSingleton<IMimecastCustomerSource, TenantsTable>();        // optional: else configuration
        builder.Services.AddMimecastFeedCluster(builder.Configuration.GetSection("FeedCluster")); // + checkpoints, outbox
        builder.Services.AddMimecastOutboxRelay<SoarSink>();                           // hosted: outbox -> your sink
        return builder.Build().RunAsync(cancellationToken);
        #endregion
    }

    private sealed class SoarSink : Mimecast.Sdk.Feed.PostgreSql.IMimecastIncidentSink
    {
        public ValueTask DeliverAsync(Mimecast.Sdk.Feed.MimecastFeedEvent incident, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class TenantsTable : IMimecastCustomerSource
    {
        public ValueTask<IReadOnlyCollection<MimecastFeedCustomer>> GetCustomersAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyCollection<MimecastFeedCustomer>>([new MimecastFeedCustomer { Name = "customer-a" }]);
    }
}

using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>The simulator account of each test customer, derived from its name so the tests and the workers agree without passing secrets around.</summary>
public static class ClusterAccounts
{
    public static SimulatorAccount For(string customer) => SimulatorAccount.Create($"{customer}@cluster.test", seed: 13);
}

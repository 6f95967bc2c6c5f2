using Microsoft.Extensions.Hosting;

namespace Sensor.Server.Http;

/// <summary>
/// Keeps the API's host from taking over SIGTERM/SIGINT (the default console lifetime does, and then it stops only
/// the API while the rest of the server runs on). The <c>run</c> verb owns the signals and stops the whole server.
/// </summary>
internal sealed class HostLifetimeOwnedByCaller : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

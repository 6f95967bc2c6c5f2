using System.Net;
using System.Text;
using Sensor.Agent;
using Sensor.Server.Http;
using Sensor.Server.Registry;
using Sensor.Server.Tasking;

namespace Sensor.Server;

/// <summary>
/// The running server: the sensor channel, the registry, the task queue with its expiry sweep, the event hub and the
/// HTTP API, wired together. <c>run DIR</c> is this; the tests start it in-process. The API's address is written to
/// <c>api.url</c> in the directory for the CLI verbs.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    public const string ApiUrlFile = "api.url";
    private readonly CancellationTokenSource _stopping = new();
    private Task _sweeper = Task.CompletedTask;

    private ServerHost(ServerDirectory directory, ChannelServer channel, SensorRegistry registry, TaskService tasks, EventHub hub)
    {
        Directory = directory;
        Channel = channel;
        Registry = registry;
        Tasks = tasks;
        Hub = hub;
    }

    public ServerDirectory Directory { get; }
    public ChannelServer Channel { get; }
    public SensorRegistry Registry { get; }
    public TaskService Tasks { get; }
    public EventHub Hub { get; }
    public ApiServer? Api { get; private set; }

    public static async Task<ServerHost> StartAsync(ServerDirectory directory, IPEndPoint sensors, IPEndPoint api, bool allowRemoteApi,
        ServerOptions options, Action<string> log, TimeSpan? sweepInterval = null)
    {
        var hub = new EventHub();
        var registry = new SensorRegistry(directory);
        var tasks = new TaskService(directory, hub, log);
        var channel = new ChannelServer(directory, sensors, options, log) { TaskGate = tasks.ReleaseForSending };
        channel.SensorConnected += (sid, hello, peer) => registry.Connected(sid, hello, peer);
        channel.SensorDisconnected += registry.Disconnected;
        channel.EventStored += (sid, data) =>
        {
            registry.Seen(sid);
            hub.PublishSensorEvent(sid, data);
        };
        var host = new ServerHost(directory, channel, registry, tasks, hub);
        try
        {
            string token = ApiToken.LoadOrCreate(directory.Root);
            host.Api = await ApiServer.StartAsync(api, allowRemoteApi, token, directory, registry, tasks, hub).ConfigureAwait(false);
            AtomicFile.Write(Path.Combine(directory.Root, ApiUrlFile), Encoding.UTF8.GetBytes(host.Api.Address.ToString()));
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        tasks.SweepExpired();
        channel.Start();
        host._sweeper = host.SweepAsync(sweepInterval ?? TimeSpan.FromSeconds(1), log);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _sweeper.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (Api is not null)
        {
            await Api.DisposeAsync().ConfigureAwait(false);
        }

        await Channel.DisposeAsync().ConfigureAwait(false);
        Registry.Flush();
    }

    private async Task SweepAsync(TimeSpan interval, Action<string> log)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
        {
            try
            {
                Tasks.SweepExpired();
            }
            catch (IOException e)
            {
                log($"expiry sweep: {e.Message}");
            }
        }
    }
}

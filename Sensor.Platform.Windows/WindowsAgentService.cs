using System.ServiceProcess;
using Microsoft.Extensions.Hosting;

namespace Sensor.Platform.Windows;

/// <summary>
/// The agent as the host's one background service: the SCM's stop cancels its token; when the agent returns (or
/// throws) the host stops, and a non-zero exit code is reported to the SCM so its recovery actions restart it.
/// </summary>
internal sealed class WindowsAgentService : BackgroundService
{
    private readonly Func<CancellationToken, Task<int>> _agent;
    private readonly IHostApplicationLifetime _application;
    private readonly IHostLifetime _lifetime;

    public WindowsAgentService(Func<CancellationToken, Task<int>> agent, IHostApplicationLifetime application, IHostLifetime lifetime)
    {
        _agent = agent;
        _application = application;
        _lifetime = lifetime;
    }

    /// <summary>The agent's exit code once it has returned; 1 when it threw.</summary>
    public int ExitCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            ExitCode = await _agent(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            ExitCode = 0;
        }
        catch (Exception)
        {
            ExitCode = 1;
            throw;
        }
        finally
        {
            // ServiceBase sends this as the win32 exit code with SERVICE_STOPPED: non-zero is a failure to the SCM
            // (SERVICE_CONFIG_FAILURE_ACTIONS_FLAG), zero a deliberate stop that it leaves alone.
            if (_lifetime is ServiceBase service)
            {
                service.ExitCode = ExitCode;
            }

            Environment.ExitCode = ExitCode;
            _application.StopApplication();
        }
    }
}

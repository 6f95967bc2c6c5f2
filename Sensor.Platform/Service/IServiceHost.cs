namespace Sensor.Platform;

/// <summary>
/// The OS service that runs the agent: a systemd unit on Linux, a Windows service, a launchd daemon on macOS.
/// <c>sensor install</c>/<c>uninstall</c>, <c>sensor status</c> and the agent's own start-up go through it, so the
/// CLI never names an OS.
/// </summary>
public interface IServiceHost
{
    /// <summary>The name the OS knows the service by (<c>sensor</c> unit, <c>Sensor</c> service, launchd label).</summary>
    static abstract string ServiceName { get; }

    /// <summary>
    /// Registers the service for <paramref name="installation"/> (binary, configuration, state), enables it at boot
    /// and starts it. Idempotent: installing over an installed service updates and restarts it.
    /// </summary>
    /// <exception cref="ServiceOperationException">the OS refused a step; the message names it.</exception>
    static abstract void InstallService(ServiceInstallation installation);

    /// <summary>
    /// Stops the service, disables it and removes what <see cref="InstallService"/> registered; with
    /// <paramref name="purge"/> also the configuration, identity and state. Idempotent.
    /// </summary>
    /// <exception cref="ServiceOperationException">the OS refused a step; the message names it.</exception>
    static abstract void UninstallService(ServiceInstallation installation, bool purge);

    /// <summary>Whether the service is registered and running, as the OS's service manager sees it.</summary>
    static abstract ServiceRunState QueryService();

    /// <summary>
    /// Runs <paramref name="agent"/> under the OS's service manager when it started this process (answering the
    /// Windows service control manager, for instance) and as a plain call otherwise. Returns the exit code.
    /// </summary>
    static abstract int RunAsService(Func<CancellationToken, Task<int>> agent);
}

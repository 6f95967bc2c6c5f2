namespace Sensor.Platform.MacOS;

// Placeholder so osx-arm64 compiles against IServiceHost; the launchd implementation replaces this file.
public sealed partial class MacHost : IServiceHost
{
    public static string ServiceName => "org.sensor.agent";

    public static void InstallService(ServiceInstallation installation) =>
        throw new ServiceOperationException("installing the launchd daemon is not implemented yet");

    public static void UninstallService(ServiceInstallation installation, bool purge) =>
        throw new ServiceOperationException("removing the launchd daemon is not implemented yet");

    public static ServiceRunState QueryService() => ServiceRunState.Unknown;

    public static int RunAsService(Func<CancellationToken, Task<int>> agent) => agent(CancellationToken.None).GetAwaiter().GetResult();
}

namespace Sensor.Platform.Windows;

// Placeholder so win-x64 compiles against IServiceHost; the service control manager implementation replaces this file.
public sealed partial class WindowsHost : IServiceHost
{
    public static string ServiceName => "Sensor";

    public static void InstallService(ServiceInstallation installation) =>
        throw new ServiceOperationException("installing the Windows service is not implemented yet");

    public static void UninstallService(ServiceInstallation installation, bool purge) =>
        throw new ServiceOperationException("removing the Windows service is not implemented yet");

    public static ServiceRunState QueryService() => ServiceRunState.Unknown;

    public static int RunAsService(Func<CancellationToken, Task<int>> agent) => agent(CancellationToken.None).GetAwaiter().GetResult();
}

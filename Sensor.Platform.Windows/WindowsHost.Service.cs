using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.WindowsServices;
using Microsoft.Extensions.Logging;
using Advapi = Sensor.Platform.Windows.Interop.Advapi32;

namespace Sensor.Platform.Windows;

/// <summary>
/// The agent as a Windows service: registered with the service control manager (own process, LocalSystem, automatic
/// start), restarted by the SCM's recovery actions when it fails, its data folder under a protected DACL, and run
/// under <c>Microsoft.Extensions.Hosting.WindowsServices</c> when the SCM starts it.
/// </summary>
public sealed partial class WindowsHost : IServiceHost
{
    internal const string ServiceDisplayName = "Sensor endpoint agent";
    internal const string ServiceDescriptionText =
        "Endpoint sensor: connects to its server over pinned TLS and runs its response tasks.";

    /// <summary>
    /// Owned by Administrators; SYSTEM and Administrators full control, inherited by everything below, nothing
    /// inherited from above. The owner matters: a user who created the folder first (%ProgramData% lets users create
    /// folders) would otherwise keep, as its owner, the right to rewrite the DACL.
    /// </summary>
    internal const string DataFolderSddl = "O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";

    /// <summary>Recovery: restart after 5 s, then 30 s, then 60 s (and 60 s for every later failure).</summary>
    internal static ReadOnlySpan<uint> RestartDelaysMilliseconds => [5_000, 30_000, 60_000];

    /// <summary>A day without failures and the SCM starts again from the first recovery action.</summary>
    internal const uint FailureResetPeriodSeconds = 24 * 60 * 60;

    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(250);

    public static string ServiceName => "Sensor";

    /// <summary>%ProgramData%\Sensor: configuration, identity, queue and rules of the default installation.</summary>
    internal static string DataFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Sensor");

    public static void InstallService(ServiceInstallation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        // A staged installation (tests, packaging) writes files under its root only: the verb has written them.
        if (InstallRoot.IsStaged)
        {
            return;
        }

        string commandLine = WindowsCommandLine.ForService(installation.BinaryPath, "run", "--config", installation.ConfigPath);

        // The SCM first: without administrator rights this fails before any folder is touched.
        nint manager = OpenManager(Advapi.ScManagerConnect | Advapi.ScManagerCreateService);
        try
        {
            ProtectDataFolders(installation);
            nint service = Advapi.OpenService(manager, ServiceName, Advapi.ServiceManageAccess);
            if (service == 0)
            {
                int error = Marshal.GetLastPInvokeError();
                if (error != Advapi.ErrorServiceDoesNotExist)
                {
                    throw Failure("OpenServiceW", error);
                }

                // No account: LocalSystem, which the response commands need (other processes' memory, any file).
                service = Advapi.CreateService(manager, ServiceName, ServiceDisplayName, Advapi.ServiceManageAccess,
                    Advapi.ServiceWin32OwnProcess, Advapi.ServiceAutoStart, Advapi.ServiceErrorNormal, commandLine,
                    null, 0, null, null, null);
                if (service == 0)
                {
                    throw Failure("CreateServiceW", Marshal.GetLastPInvokeError());
                }
            }
            else
            {
                // Installing over an installed service updates it (a new binary or configuration path) and restarts it.
                StopAndWait(service);
                if (!Advapi.ChangeServiceConfig(service, Advapi.ServiceWin32OwnProcess, Advapi.ServiceAutoStart,
                        Advapi.ServiceErrorNormal, commandLine, null, 0, null, null, null, ServiceDisplayName))
                {
                    throw Failure("ChangeServiceConfigW", Marshal.GetLastPInvokeError());
                }
            }

            try
            {
                SetDescription(service);
                SetRecoveryActions(service);
                if (!Advapi.StartService(service, 0, 0))
                {
                    int error = Marshal.GetLastPInvokeError();
                    if (error != Advapi.ErrorServiceAlreadyRunning)
                    {
                        throw Failure("StartServiceW", error);
                    }
                }
            }
            finally
            {
                Advapi.CloseServiceHandle(service);
            }
        }
        finally
        {
            Advapi.CloseServiceHandle(manager);
        }
    }

    public static void UninstallService(ServiceInstallation installation, bool purge)
    {
        ArgumentNullException.ThrowIfNull(installation);
        if (InstallRoot.IsStaged)
        {
            if (purge)
            {
                Purge(installation with
                {
                    ConfigPath = InstallRoot.Apply(installation.ConfigPath),
                    StateDirectory = InstallRoot.Apply(installation.StateDirectory),
                }, InstallRoot.Apply(DataFolder));
            }

            return;
        }

        nint manager = OpenManager(Advapi.ScManagerConnect);
        try
        {
            nint service = Advapi.OpenService(manager, ServiceName,
                Advapi.ServiceStop | Advapi.ServiceQueryStatus | Advapi.Delete);
            if (service == 0)
            {
                int error = Marshal.GetLastPInvokeError();
                if (error != Advapi.ErrorServiceDoesNotExist)
                {
                    throw Failure("OpenServiceW", error);
                }
            }
            else
            {
                try
                {
                    StopAndWait(service);
                    // Already marked (an earlier uninstall while a console held the service open) counts as removed.
                    if (!Advapi.DeleteService(service) && Marshal.GetLastPInvokeError() is int error &&
                        error != Advapi.ErrorServiceMarkedForDelete)
                    {
                        throw Failure("DeleteService", error);
                    }
                }
                finally
                {
                    Advapi.CloseServiceHandle(service);
                }
            }
        }
        finally
        {
            Advapi.CloseServiceHandle(manager);
        }

        if (purge)
        {
            Purge(installation, DataFolder);
        }
    }

    public static unsafe ServiceRunState QueryService()
    {
        if (InstallRoot.IsStaged)
        {
            return ServiceRunState.Unknown;
        }

        nint manager = Advapi.OpenSCManager(null, null, Advapi.ScManagerConnect);
        if (manager == 0)
        {
            return ServiceRunState.Unknown;
        }

        try
        {
            nint service = Advapi.OpenService(manager, ServiceName, Advapi.ServiceQueryStatus);
            if (service == 0)
            {
                return Marshal.GetLastPInvokeError() == Advapi.ErrorServiceDoesNotExist
                    ? ServiceRunState.NotInstalled
                    : ServiceRunState.Unknown;
            }

            try
            {
                return TryQueryStatus(service, out Advapi.ServiceStatusProcess status)
                    ? ToRunState(status.CurrentState, status.Win32ExitCode)
                    : ServiceRunState.Unknown;
            }
            finally
            {
                Advapi.CloseServiceHandle(service);
            }
        }
        finally
        {
            Advapi.CloseServiceHandle(manager);
        }
    }

    public static int RunAsService(Func<CancellationToken, Task<int>> agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        // Started from a console (or by anything but the SCM): a plain call; the agent handles Ctrl+C itself.
        if (!WindowsServiceHelpers.IsWindowsService())
        {
            return agent(CancellationToken.None).GetAwaiter().GetResult();
        }

        // No defaults: they would read appsettings.json and environment variables into a configuration the agent
        // does not use. AddWindowsService brings the SCM lifetime (start, stop, shutdown) and the event log.
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddWindowsService(options => options.ServiceName = ServiceName);
        WindowsAgentService? agentService = null;
        builder.Services.AddSingleton<IHostedService>(services => agentService = new WindowsAgentService(
            agent,
            services.GetRequiredService<IHostApplicationLifetime>(),
            services.GetRequiredService<IHostLifetime>()));
        using IHost host = builder.Build();
        // An MSI's ServiceInstall table registers the service without recovery actions or the data folder's DACL:
        // the agent applies them itself each time the SCM starts it, so every way of installing ends the same. Once
        // started, not before: the SCM gives a starting service 30 s to connect, and a DACL reaching a large state
        // folder takes its time.
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
        {
            try
            {
                ApplyOwnServiceSettings();
            }
            catch (ServiceOperationException e)
            {
                host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ServiceName)
                    .LogWarning("could not apply the service's recovery actions or data folder ACL: {Reason}", e.Message);
            }
        });
        host.Run();
        // Null only if the host never started its services (the SCM refused the start): a failure.
        return agentService?.ExitCode ?? 1;
    }

    /// <summary>Description, recovery actions and the protected data folder, on the installed service.</summary>
    private static void ApplyOwnServiceSettings()
    {
        try
        {
            Directory.CreateDirectory(DataFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceOperationException($"cannot create {DataFolder}: {e.Message}", e);
        }

        SetProtectedDacl(DataFolder);
        nint manager = OpenManager(Advapi.ScManagerConnect);
        try
        {
            nint service = Advapi.OpenService(manager, ServiceName, Advapi.ServiceChangeConfig);
            if (service == 0)
            {
                throw Failure("OpenServiceW", Marshal.GetLastPInvokeError());
            }

            try
            {
                SetDescription(service);
                SetRecoveryActions(service);
            }
            finally
            {
                Advapi.CloseServiceHandle(service);
            }
        }
        finally
        {
            Advapi.CloseServiceHandle(manager);
        }
    }

    internal static ServiceRunState ToRunState(uint currentState, uint win32ExitCode) => currentState switch
    {
        // 1077 ERROR_SERVICE_NEVER_STARTED is how a service installed but not yet started reports.
        Advapi.ServiceStatusProcess.Stopped when win32ExitCode is not 0 and not 1077 => ServiceRunState.Failed,
        Advapi.ServiceStatusProcess.Stopped or Advapi.ServiceStatusProcess.Paused => ServiceRunState.Stopped,
        Advapi.ServiceStatusProcess.StartPending or Advapi.ServiceStatusProcess.ContinuePending => ServiceRunState.Starting,
        Advapi.ServiceStatusProcess.Running => ServiceRunState.Running,
        Advapi.ServiceStatusProcess.StopPending or Advapi.ServiceStatusProcess.PausePending => ServiceRunState.Stopping,
        _ => ServiceRunState.Unknown,
    };

    private static nint OpenManager(uint access)
    {
        nint manager = Advapi.OpenSCManager(null, null, access);
        return manager != 0 ? manager : throw Failure("OpenSCManagerW (run as an administrator)", Marshal.GetLastPInvokeError());
    }

    private static unsafe bool TryQueryStatus(nint service, out Advapi.ServiceStatusProcess status)
    {
        Advapi.ServiceStatusProcess buffer;
        bool ok = Advapi.QueryServiceStatusEx(service, Advapi.ScStatusProcessInfo, &buffer,
            (uint)sizeof(Advapi.ServiceStatusProcess), out _);
        status = buffer;
        return ok;
    }

    /// <summary>Asks the service to stop and waits, bounded, until the SCM reports it stopped.</summary>
    private static void StopAndWait(nint service)
    {
        if (!TryQueryStatus(service, out Advapi.ServiceStatusProcess status))
        {
            throw Failure("QueryServiceStatusEx", Marshal.GetLastPInvokeError());
        }

        if (status.CurrentState == Advapi.ServiceStatusProcess.Stopped)
        {
            return;
        }

        if (status.CurrentState != Advapi.ServiceStatusProcess.StopPending &&
            !Advapi.ControlService(service, Advapi.ServiceControlStop, out _))
        {
            int error = Marshal.GetLastPInvokeError();
            // Not active: it stopped between the query and the control. Anything else (a service still starting
            // answers 1061) is retried by the wait below until the deadline.
            if (error == Advapi.ErrorServiceNotActive)
            {
                return;
            }
        }

        DateTime deadline = DateTime.UtcNow + s_stopTimeout;
        while (true)
        {
            if (!TryQueryStatus(service, out status))
            {
                throw Failure("QueryServiceStatusEx", Marshal.GetLastPInvokeError());
            }

            if (status.CurrentState == Advapi.ServiceStatusProcess.Stopped)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new ServiceOperationException(
                    $"the {ServiceName} service did not stop within {s_stopTimeout.TotalSeconds:0} s (state {status.CurrentState})");
            }

            if (status.CurrentState != Advapi.ServiceStatusProcess.StopPending)
            {
                // It was starting when asked: ask again now that it may accept the control.
                Advapi.ControlService(service, Advapi.ServiceControlStop, out _);
            }

            Thread.Sleep(s_pollInterval);
        }
    }

    private static unsafe void SetDescription(nint service)
    {
        fixed (char* text = ServiceDescriptionText)
        {
            var description = new Advapi.ServiceDescription { Description = text };
            if (!Advapi.ChangeServiceConfig2(service, Advapi.ServiceConfigDescription, &description))
            {
                throw Failure("ChangeServiceConfig2W (SERVICE_CONFIG_DESCRIPTION)", Marshal.GetLastPInvokeError());
            }
        }
    }

    /// <summary>
    /// The SCM restarts the service after a crash and, with the failure-actions flag, also after the agent stops
    /// itself with a non-zero exit code (<see cref="WindowsAgentService"/> reports it).
    /// </summary>
    private static unsafe void SetRecoveryActions(nint service)
    {
        ReadOnlySpan<uint> delays = RestartDelaysMilliseconds;
        Advapi.ScAction* actions = stackalloc Advapi.ScAction[delays.Length];
        for (int i = 0; i < delays.Length; i++)
        {
            actions[i] = new Advapi.ScAction { Type = Advapi.ScAction.Restart, DelayMilliseconds = delays[i] };
        }

        // Null reboot message and command: leave them unchanged (there are none).
        var failureActions = new Advapi.ServiceFailureActions
        {
            ResetPeriodSeconds = FailureResetPeriodSeconds,
            ActionCount = (uint)delays.Length,
            Actions = actions,
        };
        if (!Advapi.ChangeServiceConfig2(service, Advapi.ServiceConfigFailureActions, &failureActions))
        {
            throw Failure("ChangeServiceConfig2W (SERVICE_CONFIG_FAILURE_ACTIONS)", Marshal.GetLastPInvokeError());
        }

        var flag = new Advapi.ServiceFailureActionsFlag { FailureActionsOnNonCrashFailures = 1 };
        if (!Advapi.ChangeServiceConfig2(service, Advapi.ServiceConfigFailureActionsFlag, &flag))
        {
            throw Failure("ChangeServiceConfig2W (SERVICE_CONFIG_FAILURE_ACTIONS_FLAG)", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>
    /// %ProgramData%\Sensor inherits Users' read access from %ProgramData%: the protected DACL drops it, so only
    /// SYSTEM and Administrators can read the installation key and identity or plant rules. A configuration or state
    /// directory elsewhere gets the same DACL itself (never its parent, which may be shared).
    /// </summary>
    private static void ProtectDataFolders(ServiceInstallation installation)
    {
        string dataFolder = DataFolder;
        try
        {
            Directory.CreateDirectory(dataFolder);
            SetProtectedDacl(dataFolder);
            Directory.CreateDirectory(installation.StateDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceOperationException($"cannot create {dataFolder} or {installation.StateDirectory}: {e.Message}", e);
        }

        if (!IsWithin(installation.StateDirectory, dataFolder))
        {
            SetProtectedDacl(installation.StateDirectory);
        }

        if (!IsWithin(installation.ConfigPath, dataFolder) && File.Exists(installation.ConfigPath))
        {
            SetProtectedDacl(installation.ConfigPath);
        }
    }

    private static void SetProtectedDacl(string path)
    {
        if (!Advapi.ConvertStringSecurityDescriptorToSecurityDescriptor(DataFolderSddl, Advapi.SddlRevision1,
                out nint descriptor, 0))
        {
            throw Failure("ConvertStringSecurityDescriptorToSecurityDescriptorW", Marshal.GetLastPInvokeError());
        }

        try
        {
            if (!Advapi.GetSecurityDescriptorDacl(descriptor, out bool present, out nint dacl, out _) || !present)
            {
                throw Failure("GetSecurityDescriptorDacl", Marshal.GetLastPInvokeError());
            }

            if (!Advapi.GetSecurityDescriptorOwner(descriptor, out nint owner, out _) || owner == 0)
            {
                throw Failure("GetSecurityDescriptorOwner", Marshal.GetLastPInvokeError());
            }

            // The protected flag stops inheritance from the parent; the OICI entries reach what is already below.
            // An elevated administrator or SYSTEM may make Administrators the owner without any privilege.
            uint error = Advapi.SetNamedSecurityInfo(path, Advapi.SeFileObject,
                Advapi.OwnerSecurityInformation | Advapi.DaclSecurityInformation | Advapi.ProtectedDaclSecurityInformation,
                owner, 0, dacl, 0);
            if (error != 0)
            {
                throw Failure($"SetNamedSecurityInfoW ({path})", (int)error);
            }
        }
        finally
        {
            Interop.Kernel32.LocalFree(descriptor);
        }
    }

    /// <summary>
    /// The SCM reports the service stopped slightly before its process has closed every file: deletion is retried,
    /// bounded, before it gives up naming what is left.
    /// </summary>
    private static void Purge(ServiceInstallation installation, string dataFolder)
    {
        var targets = new List<string> { dataFolder };
        if (!IsWithin(installation.StateDirectory, dataFolder))
        {
            targets.Add(installation.StateDirectory);
        }

        if (!IsWithin(installation.ConfigPath, dataFolder))
        {
            targets.Add(installation.ConfigPath);
        }

        foreach (string target in targets)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    if (Directory.Exists(target))
                    {
                        Directory.Delete(target, recursive: true);
                    }
                    else if (File.Exists(target))
                    {
                        File.Delete(target);
                    }

                    break;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    if (attempt == 20)
                    {
                        throw new ServiceOperationException($"purge: could not remove {target}: {e.Message}", e);
                    }

                    Thread.Sleep(s_pollInterval);
                }
            }
        }
    }

    private static bool IsWithin(string path, string folder)
    {
        string full = Path.GetFullPath(path);
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(Path.TrimEndingDirectorySeparator(full), root[..^1], StringComparison.OrdinalIgnoreCase);
    }

    private static ServiceOperationException Failure(string step, int error) =>
        new($"{step} failed: {new Win32Exception(error).Message} (Win32 error {error})");
}

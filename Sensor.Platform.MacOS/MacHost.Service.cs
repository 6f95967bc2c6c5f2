namespace Sensor.Platform.MacOS;

/// <summary>
/// The agent as a launchd daemon: a property list in /Library/LaunchDaemons loaded into the system domain with
/// <c>launchctl bootstrap</c>, which starts it at load and at every boot and restarts it when it exits.
/// </summary>
public sealed partial class MacHost : IServiceHost
{
    /// <summary>The launchd label, also the property list's file name.</summary>
    public const string LaunchdLabel = "org.opensensor.sensor";

    internal const string LaunchDaemonsDirectory = "/Library/LaunchDaemons";
    internal const string LogDirectory = "/Library/Logs/Sensor";

    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(1);

    public static string ServiceName => LaunchdLabel;

    internal static string PlistPath => Path.Combine(LaunchDaemonsDirectory, LaunchdLabel + ".plist");

    private static string ServiceTarget => "system/" + LaunchdLabel;

    public static void InstallService(ServiceInstallation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        string plist = LaunchdPlist.Write(LaunchdLabel,
            [installation.BinaryPath, "run", "--config", installation.ConfigPath], LogDirectory);

        // Installing over a loaded daemon replaces it: unload the old definition first (not loaded is fine). A staged
        // installation (tests, packaging) writes its files under its root and never asks launchd anything.
        if (!InstallRoot.IsStaged)
        {
            BootOut();
        }

        FileStep("write the launchd daemon", () =>
        {
            CreatePrivateDirectory(InstallRoot.Apply(installation.StateDirectory));
            CreatePrivateDirectory(InstallRoot.Apply(LogDirectory));
            WritePlist(plist);
        });
        if (InstallRoot.IsStaged)
        {
            return;
        }

        // A daemon disabled by an earlier `launchctl disable` would refuse to bootstrap.
        Require("enable", ServiceTarget);
        // bootstrap answers 5 (EIO) while the old instance is still being torn down: retried, bounded.
        for (int attempt = 1; ; attempt++)
        {
            (int exitCode, string output) = Launchctl.Run("bootstrap", "system", PlistPath);
            if (exitCode == 0)
            {
                return;
            }

            if (attempt == 5)
            {
                throw new ServiceOperationException(
                    $"launchctl bootstrap system {PlistPath} failed with exit code {exitCode}: {output.Trim()}");
            }

            Thread.Sleep(s_retryDelay);
        }
    }

    public static void UninstallService(ServiceInstallation installation, bool purge)
    {
        ArgumentNullException.ThrowIfNull(installation);
        if (!InstallRoot.IsStaged)
        {
            BootOut();
        }

        FileStep("remove the launchd daemon", () =>
        {
            string plistPath = InstallRoot.Apply(PlistPath);
            if (File.Exists(plistPath))
            {
                File.Delete(plistPath);
            }
        });
        if (purge)
        {
            FileStep("purge", () => Purge(installation));
        }
    }

    public static ServiceRunState QueryService()
    {
        if (InstallRoot.IsStaged)
        {
            return ServiceRunState.Unknown;
        }

        (int exitCode, string output) result;
        try
        {
            result = Launchctl.Run("print", ServiceTarget);
        }
        catch (ServiceOperationException)
        {
            return ServiceRunState.Unknown;
        }

        return LaunchctlPrintParser.ToRunState(result.exitCode, result.output, File.Exists(PlistPath));
    }

    /// <summary>
    /// launchd starts and stops the process itself (SIGTERM, then SIGKILL after ExitTimeOut): the agent runs as a
    /// plain call and handles SIGTERM itself.
    /// </summary>
    public static int RunAsService(Func<CancellationToken, Task<int>> agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent(CancellationToken.None).GetAwaiter().GetResult();
    }

    private static void Purge(ServiceInstallation installation)
    {
        foreach (string directory in new[] { InstallRoot.Apply(installation.StateDirectory), InstallRoot.Apply(LogDirectory) })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        // The configuration may have been inside the state folder (the default): gone already.
        string configPath = InstallRoot.Apply(installation.ConfigPath);
        if (File.Exists(configPath))
        {
            File.Delete(configPath);
        }

        // The configuration's own folder goes too when nothing else is left in it.
        string? configDirectory = Path.GetDirectoryName(configPath);
        if (configDirectory is not null && Directory.Exists(configDirectory) && !Directory.EnumerateFileSystemEntries(configDirectory).Any())
        {
            Directory.Delete(configDirectory);
        }
    }

    private static void FileStep(string step, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceOperationException($"{step}: {e.Message}", e);
        }
    }

    private static void BootOut()
    {
        (int exitCode, string output) = Launchctl.Run("bootout", ServiceTarget);
        // 3 (ESRCH) from older launchctl, 113 from newer ones: not loaded, nothing to unload.
        if (exitCode is not 0 and not 3 and not LaunchctlPrintParser.NoSuchService)
        {
            throw new ServiceOperationException($"launchctl bootout {ServiceTarget} failed with exit code {exitCode}: {output.Trim()}");
        }
    }

    private static void Require(params ReadOnlySpan<string> arguments)
    {
        (int exitCode, string output) = Launchctl.Run(arguments);
        if (exitCode != 0)
        {
            throw new ServiceOperationException(
                $"launchctl {string.Join(' ', arguments.ToArray())} failed with exit code {exitCode}: {output.Trim()}");
        }
    }

    /// <summary>launchd ignores a daemon plist that is not root's or that group or others can write: 0644, atomically.</summary>
    private static void WritePlist(string plist)
    {
        string path = InstallRoot.Apply(PlistPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, plist);
        File.SetUnixFileMode(temporary,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temporary, path, overwrite: true);
    }

    private static void CreatePrivateDirectory(string path) =>
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
}

using System.Text;

namespace Sensor.Platform.Linux;

/// <summary>
/// The sensor as a systemd service. <c>sensor install</c> writes <c>/etc/systemd/system/sensor.service</c> (which
/// overrides the package's <c>/lib/systemd/system/sensor.service</c>), then enables and starts it with
/// <c>systemctl</c>. Without a running systemd (a container, a chroot) or with <see cref="InstallRoot"/> set, the
/// files are written and nothing is started; <see cref="QueryService"/> then answers <see cref="ServiceRunState.Unknown"/>.
/// </summary>
public sealed partial class LinuxHost : IServiceHost
{
    /// <summary>Where <c>sensor install</c> writes the unit: the administrator's directory, not the package's.</summary>
    public const string AdminUnitPath = "/etc/systemd/system/" + SystemdUnit.FileName;

    /// <summary>Where the package puts the unit (Debian's systemd unit directory, usrmerge or not).</summary>
    public static readonly string[] PackageUnitPaths = ["/lib/systemd/system/" + SystemdUnit.FileName, "/usr/lib/systemd/system/" + SystemdUnit.FileName];

    /// <summary>The list dpkg keeps of the files the <c>sensor</c> package installed.</summary>
    public const string PackageFileList = "/var/lib/dpkg/info/sensor.list";

    public const string LogDirectory = "/var/log/sensor";

    public static string ServiceName => "sensor";

    /// <summary>Whether install/uninstall may ask systemd to start and stop things: it runs, and nothing is staged.</summary>
    public static bool CanManageService => !InstallRoot.IsStaged && Systemctl.IsSystemdRunning;

    public static void InstallService(ServiceInstallation installation)
    {
        string unit = SystemdUnit.Render(installation);
        string unitPath = InstallRoot.Apply(AdminUnitPath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(unitPath)!);
            WriteFileAtomically(unitPath, Encoding.UTF8.GetBytes(unit),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceOperationException($"cannot write the unit {unitPath}: {e.Message}", e);
        }

        if (!CanManageService)
        {
            return;
        }

        Systemctl.Run("daemon-reload");
        Systemctl.Run("enable", SystemdUnit.FileName);
        // restart, not start: installing over a running sensor must pick up the new binary and configuration.
        Systemctl.Run("restart", SystemdUnit.FileName);
    }

    public static void UninstallService(ServiceInstallation installation, bool purge)
    {
        // Checked before anything is removed, so a refused purge leaves the installation whole.
        string? stateDirectory = purge ? CheckPurgeable(installation.StateDirectory) : null;
        if (CanManageService && IsInsideOwnUnit())
        {
            // Started by the agent (the uninstall command): stopping sensor.service kills its whole control group,
            // this process included, half way through. Continue in a transient unit of its own instead.
            RelaunchOutsideUnit();
            return;
        }

        if (CanManageService && QueryService() != ServiceRunState.NotInstalled)
        {
            Systemctl.Run("disable", "--now", SystemdUnit.FileName);
        }

        string unitPath = InstallRoot.Apply(AdminUnitPath);
        DeleteFile(unitPath);
        if (CanManageService)
        {
            Systemctl.Run("daemon-reload");
            // A unit that failed stays listed until reset; the outcome does not matter once the file is gone.
            Systemctl.RunTool("systemctl", ["reset-failed", SystemdUnit.FileName]);
        }

        // A binary the package installed is the package's to remove (apt-get remove); one `sensor install` copied is ours.
        string binary = InstallRoot.Apply(installation.BinaryPath);
        if (!IsPackageFile(installation.BinaryPath))
        {
            DeleteFile(binary);
        }

        if (!purge)
        {
            return;
        }

        string config = InstallRoot.Apply(installation.ConfigPath);
        DeleteFile(config);
        DeleteFile(config + ".tmp");
        DeleteDirectoryIfEmpty(Path.GetDirectoryName(config)!);
        DeleteTree(stateDirectory!);
        DeleteTree(CheckPurgeable(LogDirectory));
    }

    public static ServiceRunState QueryService()
    {
        bool unitFileExists = File.Exists(InstallRoot.Apply(AdminUnitPath)) || PackageUnitPaths.Any(p => File.Exists(InstallRoot.Apply(p)));
        if (!CanManageService)
        {
            return unitFileExists ? ServiceRunState.Unknown : ServiceRunState.NotInstalled;
        }

        (int code, string output, _) = Systemctl.RunTool("systemctl", ["show", "--property=LoadState,ActiveState", SystemdUnit.FileName]);
        return code != 0 ? ServiceRunState.Unknown : ParseShowOutput(output);
    }

    public static int RunAsService(Func<CancellationToken, Task<int>> agent) =>
        // systemd needs no in-process dispatcher: it starts the binary, reads sd_notify messages and sends SIGTERM.
        agent(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Maps <c>systemctl show --property=LoadState,ActiveState</c> output to a run state.</summary>
    public static ServiceRunState ParseShowOutput(string output)
    {
        string? load = null;
        string? active = null;
        foreach (string line in output.Split('\n'))
        {
            if (line.StartsWith("LoadState=", StringComparison.Ordinal))
            {
                load = line["LoadState=".Length..].Trim();
            }
            else if (line.StartsWith("ActiveState=", StringComparison.Ordinal))
            {
                active = line["ActiveState=".Length..].Trim();
            }
        }

        if (load is "not-found" or "masked")
        {
            return ServiceRunState.NotInstalled;
        }

        return active switch
        {
            "active" or "reloading" => ServiceRunState.Running,
            "activating" => ServiceRunState.Starting,
            "deactivating" => ServiceRunState.Stopping,
            "failed" => ServiceRunState.Failed,
            "inactive" => ServiceRunState.Stopped,
            _ => ServiceRunState.Unknown,
        };
    }

    private static bool IsInsideOwnUnit()
    {
        try
        {
            return ServiceCgroupParser.IsInsideUnit(File.ReadAllBytes("/proc/self/cgroup"), Encoding.ASCII.GetBytes(SystemdUnit.FileName));
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void RelaunchOutsideUnit()
    {
        string binary = Environment.ProcessPath ?? throw new ServiceOperationException("cannot find this executable to re-launch the uninstall");
        var arguments = new List<string>
        {
            "--no-block", "--collect", "--quiet",
            $"--unit=sensor-uninstall-{Environment.ProcessId}",
            "--description=Sensor uninstall",
            "--",
            binary,
        };
        arguments.AddRange(Environment.GetCommandLineArgs().AsSpan(1));
        (int code, string output, string error) = Systemctl.RunTool("systemd-run", arguments);
        if (code != 0)
        {
            throw new ServiceOperationException($"systemd-run could not move the uninstall out of {SystemdUnit.FileName} (exit {code}): {(error + output).Trim()}");
        }
    }

    private static bool IsPackageFile(string path)
    {
        try
        {
            return File.ReadLines(InstallRoot.Apply(PackageFileList)).Any(line => line == path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceOperationException($"cannot remove {path}: {e.Message}", e);
        }
    }

    private static void DeleteDirectoryIfEmpty(string path)
    {
        try
        {
            if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
            {
                Directory.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceOperationException($"cannot remove {path}: {e.Message}", e);
        }
    }

    // The state directory comes from the configuration: refuse anything that is not a folder of its own.
    private static string CheckPurgeable(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (full.Count(c => c == '/') < 2 || full is "/usr/lib" or "/var/lib" or "/var/log" or "/usr/local" or "/var/cache" or "/usr/share")
        {
            throw new ServiceOperationException($"refusing to purge '{path}': not a directory of the sensor's own");
        }

        return full;
    }

    private static void DeleteTree(string full)
    {
        string target = InstallRoot.Apply(full);
        try
        {
            // A symbolic link is removed, never followed.
            if (new FileInfo(target).LinkTarget is not null)
            {
                File.Delete(target);
            }
            else if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceOperationException($"cannot remove {target}: {e.Message}", e);
        }
    }

    private static void WriteFileAtomically(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        string temp = path + ".tmp";
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        // The guard only satisfies the platform analyzer: this assembly runs on Linux alone.
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        // UnixCreateMode is filtered by the umask; the unit must be world-readable whatever the caller's umask is.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, mode);
        }

        File.Move(temp, path, overwrite: true);
    }
}

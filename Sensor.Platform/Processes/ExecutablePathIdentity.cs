using System.Text;

namespace Sensor.Platform.Processes;

/// <summary>
/// For hosts whose only handle on a process's executable is its path (Windows, macOS; Linux has /proc/PID/exe): the
/// identity from a stat of that path, following links.
/// </summary>
public static class ExecutablePathIdentity
{
    public static int Get<THost>(int processId, out ExecutableIdentity identity)
        where THost : IProcessHost, IFileSystemHost
    {
        identity = default;
        var entry = new ProcessEntry();
        int error = THost.GetProcess(processId, entry, withCommandLine: false);
        if (error != ErrorCodes.Success || entry.FilePath.Length == 0)
        {
            return error != ErrorCodes.Success ? error : ErrorCodes.FileNotFound;
        }

        error = THost.Stat(Encoding.UTF8.GetBytes(entry.FilePath), followLinks: true, out FileStatus status);
        if (error == ErrorCodes.Success)
        {
            // No change time here: such an identity is not written to the persistent hash cache.
            identity = new ExecutableIdentity(status.Device, status.Inode, status.Size, status.ModificationTimeMs, ChangeTime: 0);
        }

        return error;
    }
}

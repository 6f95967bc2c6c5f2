using Sensor.Platform;
using Sensor.Platform.Security;

namespace Sensor.Agent;

/// <summary>
/// The sensor runs as root and trusts its binary, its configuration and its state: if anyone but root could change
/// them, that someone could become root. So before <c>sensor run</c> starts (and in <c>sensor config check</c>)
/// every such path and every directory above it, up to the root, must be owned by a trusted owner (root; also the
/// current user when the sensor is not running as root) and not writable by anyone else. A directory above that
/// others can write is accepted only when they can merely add entries (the sticky bit, as on /tmp): they cannot
/// remove or rename the trusted entry below it, which is itself checked. Symbolic links are checked where they are
/// (their owner) and then the resolved path is checked the same way. docs/configuration.md states the rule.
/// </summary>
public static class FilePermissionCheck
{
    /// <summary>The problem with <paramref name="path"/>, or null when only trusted owners can change it.</summary>
    /// <param name="mayBeMissing">the path itself may not exist yet (the state directory before the first start).</param>
    public static string? Check(string path, bool mayBeMissing)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (CheckChain(full, mayBeMissing, out bool sawLink) is { } problem)
        {
            return problem;
        }

        // A link on the way: the place it leads to must pass too (it has no links, so one more pass is enough).
        if (sawLink && Os.CanonicalPath(full) is { } resolved && !string.Equals(resolved, full, Os.PathComparison))
        {
            return CheckChain(Path.TrimEndingDirectorySeparator(resolved), mayBeMissing, out _);
        }

        return null;
    }

    /// <summary>The sensor's own files: its binary, the configuration and what it names, the state directory.</summary>
    public static IReadOnlyList<PermissionFinding> CheckInstallation(string configPath, AgentConfig? config)
    {
        var findings = new List<PermissionFinding>();
        foreach (string binary in BinaryPaths())
        {
            findings.Add(new PermissionFinding("binary", binary, Check(binary, mayBeMissing: false)));
        }

        findings.Add(new PermissionFinding("config", Path.GetFullPath(configPath), Check(configPath, mayBeMissing: false)));
        if (config is not null)
        {
            if (config.PinsFile is { } pins)
            {
                findings.Add(new PermissionFinding("pins_file", pins, Check(pins, mayBeMissing: false)));
            }

            findings.Add(new PermissionFinding("state_dir", config.StateDirectory, Check(config.StateDirectory, mayBeMissing: true)));
            if (config.LogFile is { } log)
            {
                findings.Add(new PermissionFinding("log_file", log, Check(log, mayBeMissing: true)));
            }
        }

        return findings;
    }

    /// <summary>The executable, and the sensor assembly when the executable is the dotnet host (a developer's run).</summary>
    public static IEnumerable<string> BinaryPaths()
    {
        if (Environment.ProcessPath is { } process)
        {
            yield return process;
            if (Path.GetFileNameWithoutExtension(process) == "dotnet" && Path.Combine(AppContext.BaseDirectory, "sensor.dll") is var assembly
                && File.Exists(assembly))
            {
                yield return assembly;
            }
        }
    }

    private static string? CheckChain(string full, bool mayBeMissing, out bool sawLink)
    {
        sawLink = false;
        var chain = new List<string>();
        for (string? p = full; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            chain.Add(p);
        }

        chain.Reverse();
        string trusted = Environment.IsPrivilegedProcess ? "root" : "root or the current user";
        for (int i = 0; i < chain.Count; i++)
        {
            string p = chain[i];
            bool last = i == chain.Count - 1;
            int error = Os.InspectWriters(p, out FileWriters writers);
            if (error == ErrorCodes.FileNotFound && last && mayBeMissing)
            {
                return null;
            }

            if (error != ErrorCodes.Success)
            {
                return $"{p} cannot be inspected (error {error})";
            }

            if (!writers.OwnerTrusted)
            {
                return $"{p}{(last ? "" : $" (above {full})")} is owned by {writers.Owner}, not {trusted}";
            }

            if (writers.Kind == DirectoryEntryKind.SymbolicLink)
            {
                sawLink = true;
                continue;
            }

            if (writers.OthersCanWrite && (last || !writers.OthersCanOnlyAdd))
            {
                return $"{p}{(last ? "" : $" (above {full})")} can be written by others than {trusted} ({writers.Detail})";
            }
        }

        return null;
    }
}

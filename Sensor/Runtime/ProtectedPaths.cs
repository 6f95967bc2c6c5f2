namespace Sensor.Runtime;

/// <summary>
/// Paths the file commands must never delete, move or overwrite: the root directory, the sensor's own binary and its
/// state directory (and anything inside it). Compared after resolving links, so a path spelled another way or
/// through a symbolic link is recognised.
/// </summary>
public static class ProtectedPaths
{
    /// <summary>The state directory in force; the agent sets it from its configuration.</summary>
    public static string StateDirectory { get; set; } = Environment.GetEnvironmentVariable("SENSOR_STATE_DIR") is { Length: > 0 } dir ? dir : Os.DefaultStateDirectory;

    /// <summary>Returns why <paramref name="path"/> is protected, or null when it is not.</summary>
    public static string? Reason(string path)
    {
        foreach (string candidate in Candidates(path))
        {
            if (IsRoot(candidate))
            {
                return "refusing to touch the root directory";
            }

            string? binary = Environment.ProcessPath is { } p ? Os.CanonicalPath(p) ?? p : null;
            if (binary is not null && PathEquals(candidate, binary))
            {
                return "refusing to touch the sensor's own binary";
            }

            string state = Os.CanonicalPath(StateDirectory) ?? Path.GetFullPath(StateDirectory);
            if (PathEquals(candidate, state) || IsInside(candidate, state))
            {
                return "refusing to touch the sensor's state directory";
            }
        }

        return null;
    }

    // The path as given (made absolute), with its parent resolved, and fully resolved when it exists.
    private static IEnumerable<string> Candidates(string path)
    {
        string full = Path.GetFullPath(path);
        yield return full;
        string trimmed = Path.TrimEndingDirectorySeparator(full);
        string? parent = Path.GetDirectoryName(trimmed);
        if (parent is not null && Os.CanonicalPath(parent) is { } realParent)
        {
            yield return Path.Join(realParent, Path.GetFileName(trimmed));
        }

        if (Os.CanonicalPath(full) is { } real)
        {
            yield return real;
        }
    }

    private static bool IsRoot(string path) => Path.GetPathRoot(path) is { Length: > 0 } root && PathEquals(path, root);

    private static bool PathEquals(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), Os.PathComparison);

    private static bool IsInside(string candidate, string directory)
    {
        string prefix = Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar;
        return candidate.StartsWith(prefix, Os.PathComparison);
    }
}

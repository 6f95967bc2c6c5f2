namespace Sensor.Platform;

/// <summary>
/// A directory that <c>sensor install</c>/<c>uninstall</c> treat as the file-system root, from the environment variable
/// <c>SENSOR_INSTALL_ROOT</c>: for tests and for staging a package tree. With a root set, the installer writes and
/// removes files under it only and never asks the service manager to start or stop anything, since the service it
/// would start is not the one being staged.
/// </summary>
public static class InstallRoot
{
    public const string EnvironmentVariable = "SENSOR_INSTALL_ROOT";

    /// <summary>The root without a trailing separator; empty for the real root.</summary>
    public static string Prefix
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrEmpty(value))
            {
                return "";
            }

            string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(value));
            return full == Path.GetPathRoot(full) ? "" : full;
        }
    }

    /// <summary>Whether files go somewhere other than the live system.</summary>
    public static bool IsStaged => Prefix.Length > 0;

    /// <summary><paramref name="path"/> (absolute, as the installed system sees it) under the root.</summary>
    public static string Apply(string path)
    {
        string prefix = Prefix;
        if (prefix.Length == 0)
        {
            return path;
        }

        // On Windows a drive-qualified path keeps its drive letter as a folder: C:\X -> ROOT\C\X.
        string root = Path.GetPathRoot(path) ?? "";
        string relative = path[root.Length..];
        string drive = root.TrimEnd('\\', '/', ':');
        return drive.Length > 0 ? Path.Combine(prefix, drive, relative) : Path.Combine(prefix, relative);
    }
}

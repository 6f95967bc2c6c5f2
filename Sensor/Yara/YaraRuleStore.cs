using System.Text;
using Sensor.Runtime;

namespace Sensor.Yara;

/// <summary>
/// The rule source of continuous scanning, kept in the state directory as <c>yara/rules.yar</c> (directory 0700,
/// file 0600), written to a temporary file, flushed to disk and renamed over the old one, so a crash leaves either
/// the old rules or the new ones, never half of them.
/// </summary>
public static class YaraRuleStore
{
    public static string DirectoryPath => Path.Combine(ProtectedPaths.StateDirectory, "yara");

    public static string FilePath => Path.Combine(DirectoryPath, "rules.yar");

    public static void Save(string source)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(DirectoryPath);
        }
        else
        {
            Directory.CreateDirectory(DirectoryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        string temporary = FilePath + ".tmp-" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(source));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The stored rule source, or null when there is none.</summary>
    public static string? Load() => File.Exists(FilePath) ? File.ReadAllText(FilePath, Encoding.UTF8) : null;

    public static void Delete() => File.Delete(FilePath);
}

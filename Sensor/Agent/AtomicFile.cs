namespace Sensor.Agent;

/// <summary>
/// Replaces a file so that a crash leaves either the old or the new content: write a temp file beside it (mode 0600
/// on POSIX, created that way rather than chmod-ed after), fsync it, rename it over the target.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        string temp = path + ".tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // A temp file left by a crash may have other permissions; start from nothing.
        File.Delete(temp);
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}

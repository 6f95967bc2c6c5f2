namespace Sensor.Agent;

/// <summary>
/// Replaces a file so that a crash leaves either the old or the new content: write a temp file beside it (mode 0600
/// on POSIX, created that way rather than chmod-ed after), fsync it, rename it over the target.
/// </summary>
public static class AtomicFile
{
    /// <param name="path">The file to replace.</param>
    /// <param name="content">Its new content.</param>
    /// <param name="durable">
    /// False for a cache that may be lost: no fsync, so a crash may leave the old file, the new one or a damaged one
    /// (which its reader must detect), never a half-renamed one.
    /// </param>
    public static void Write(string path, ReadOnlySpan<byte> content, bool durable = true)
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
            stream.Flush(flushToDisk: durable);
        }

        File.Move(temp, path, overwrite: true);
    }
}

using System.Buffers.Text;
using System.Text;

namespace Sensor.Platform.Linux.Procfs;

/// <summary>
/// uid → name from <c>/etc/passwd</c>, reloaded when the file's mtime changes (checked at most every 100 ms). Uids
/// without an entry show as the number.
/// </summary>
internal static class UserNames
{
    // /etc/passwd is checked again at most this often: a listing asks for every process's name within a few
    // milliseconds, and one stat per process was a system call per process for nothing.
    private const long RecheckMilliseconds = 100;

    private static readonly Lock s_lock = new();
    private static volatile Dictionary<long, string> s_names = [];
    private static DateTime s_loadedMtime;
    private static long s_checkedAt = long.MinValue / 2; // "long ago", without overflowing the subtraction

    public static string Lookup(long uid)
    {
        if (Environment.TickCount64 - Volatile.Read(ref s_checkedAt) >= RecheckMilliseconds)
        {
            Refresh();
        }

        // The table is replaced whole, never changed: reading it needs no lock.
        return s_names.TryGetValue(uid, out string? name) ? name : uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Refresh()
    {
        lock (s_lock)
        {
            long now = Environment.TickCount64;
            if (now - s_checkedAt < RecheckMilliseconds)
            {
                return; // another thread just did it
            }

            DateTime mtime;
            try
            {
                mtime = File.GetLastWriteTimeUtc("/etc/passwd");
            }
            catch (IOException)
            {
                mtime = default;
            }

            if (mtime != s_loadedMtime)
            {
                s_names = Load();
                s_loadedMtime = mtime;
            }

            Volatile.Write(ref s_checkedAt, now);
        }
    }

    internal static Dictionary<long, string> Parse(ReadOnlySpan<byte> passwd)
    {
        var names = new Dictionary<long, string>();
        while (ProcMapsParser.NextLine(ref passwd, out ReadOnlySpan<byte> line))
        {
            // name:password:uid:gid:gecos:home:shell
            int c1 = line.IndexOf((byte)':');
            if (c1 <= 0)
            {
                continue;
            }

            ReadOnlySpan<byte> rest = line[(c1 + 1)..];
            int c2 = rest.IndexOf((byte)':');
            if (c2 < 0 || !Utf8Parser.TryParse(rest[(c2 + 1)..], out long uid, out _))
            {
                continue;
            }

            names.TryAdd(uid, Encoding.UTF8.GetString(line[..c1]));
        }

        return names;
    }

    private static Dictionary<long, string> Load()
    {
        try
        {
            return Parse(File.ReadAllBytes("/etc/passwd"));
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}

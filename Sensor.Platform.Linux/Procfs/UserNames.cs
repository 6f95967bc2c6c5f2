using System.Buffers.Text;
using System.Text;

namespace Sensor.Platform.Linux.Procfs;

/// <summary>uid → name from <c>/etc/passwd</c>, reloaded when the file's mtime changes. Uids without an entry show as the number.</summary>
internal static class UserNames
{
    private static readonly Lock s_lock = new();
    private static Dictionary<long, string> s_names = [];
    private static DateTime s_loadedMtime;

    public static string Lookup(long uid)
    {
        lock (s_lock)
        {
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

            return s_names.TryGetValue(uid, out string? name) ? name : uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
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

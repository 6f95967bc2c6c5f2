using System.Text;
using Sensor.Platform.Inventory;
using Sensor.Platform.Linux.Inventory;

namespace Sensor.Platform.Linux;

public sealed partial class LinuxHost : IOsVersionHost
{
    private const int UtsFieldLength = 65;

    public static unsafe OsVersionInfo GetOsVersion()
    {
        // struct utsname: sysname, nodename, release, version, machine, domainname; 65 bytes each on Linux.
        byte* uts = stackalloc byte[UtsFieldLength * 6];
        new Span<byte>(uts, UtsFieldLength * 6).Clear();
        Interop.Libc.Uname(uts);
        string release = UtsField(uts, 2);
        string version = UtsField(uts, 3);
        string machine = UtsField(uts, 4);

        byte[] osRelease = ReadSmallFile("/etc/os-release") ?? ReadSmallFile("/usr/lib/os-release") ?? [];
        string name = OsReleaseParser.GetValue(osRelease, "NAME"u8) ?? UtsField(uts, 0);
        string versionString = OsReleaseParser.GetValue(osRelease, "VERSION"u8)
            ?? OsReleaseParser.GetValue(osRelease, "VERSION_ID"u8)
            ?? OsReleaseParser.GetValue(osRelease, "BUILD_ID"u8)
            ?? "";
        return new OsVersionInfo(name, versionString, release, machine, version);
    }

    private static unsafe string UtsField(byte* uts, int index)
    {
        var field = new ReadOnlySpan<byte>(uts + (index * UtsFieldLength), UtsFieldLength);
        int end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>A configuration file of at most 64 KiB, or null when it cannot be read.</summary>
    internal static byte[]? ReadSmallFile(string path, int maxBytes = 64 * 1024)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            byte[] buffer = new byte[maxBytes];
            int total = 0;
            int read;
            while (total < maxBytes && (read = file.Read(buffer, total, maxBytes - total)) > 0)
            {
                total += read;
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

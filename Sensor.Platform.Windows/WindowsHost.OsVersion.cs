using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Sensor.Platform.Inventory;

namespace Sensor.Platform.Windows;

public sealed partial class WindowsHost : IOsVersionHost
{
    public static unsafe OsVersionInfo GetOsVersion()
    {
        // OSVERSIONINFOEXW: size, major, minor, build, platform id, szCSDVersion[128], ... (284 bytes).
        byte* info = stackalloc byte[284];
        new Span<byte>(info, 284).Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(info, 4), 284);
        Interop.NtDll.RtlGetVersion(info);
        var span = new ReadOnlySpan<byte>(info, 284);
        uint major = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
        uint minor = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        uint build = BinaryPrimitives.ReadUInt32LittleEndian(span[12..]);
        string version = $"{major}.{minor}.{build}";
        string architecture = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "AMD64",
            Architecture.Arm64 => "ARM64",
            Architecture.X86 => "x86",
            Architecture other => other.ToString(),
        };
        return new OsVersionInfo("Windows", version, version, architecture, build.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

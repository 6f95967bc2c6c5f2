namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // The same values on x86-64 and arm64 (O_DIRECTORY is not: it is left out and getdents64 says ENOTDIR).
        internal const int O_RDONLY = 0;
        internal const int O_CLOEXEC = 0x80000;
    }
}

using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// pidfd_open(2) (Linux 5.3, glibc 2.36): a descriptor for the process <paramref name="processId"/>. An older
        /// glibc has no such symbol: the call throws <see cref="EntryPointNotFoundException"/>.
        /// </summary>
        [LibraryImport(Name, EntryPoint = "pidfd_open", SetLastError = true)]
        internal static partial int PidfdOpen(int processId, uint flags);
    }
}

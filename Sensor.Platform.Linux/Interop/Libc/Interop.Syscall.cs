using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>pidfd_open(2): the same number on x86-64 and arm64 (system calls added since Linux 5.1 share one table).</summary>
        internal const long SysPidfdOpen = 434;

        /// <summary>
        /// syscall(2) with two integer arguments, for calls older glibcs have no wrapper for (pidfd_open came in 2.36,
        /// and libc is bound at link time, so a missing wrapper would stop the sensor from loading there). Variadic in
        /// C; integer arguments are passed the same way on x86-64 and arm64.
        /// </summary>
        [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
        internal static partial long Syscall(long number, long argument1, long argument2);
    }
}

using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

internal static partial class Interop
{
    internal static partial class Libproc
    {
        // libproc lives in libSystem on macOS.
        internal const string Name = "libSystem.dylib";
        internal const uint ProcAllPids = 1;
        internal const int ProcPidTbsdInfo = 3;
        internal const int ProcPidTaskInfo = 4;
        internal const int ProcPidPathInfoMaxSize = 4096;

        // struct proc_bsdinfo (136 bytes): offsets of the fields used.
        internal const int BsdInfoSize = 136;
        internal const int BsdPidOffset = 12, BsdPpidOffset = 16, BsdRuidOffset = 28, BsdCommOffset = 48, BsdStatusOffset = 4;
        internal const int BsdStartSecondsOffset = 120, BsdStartMicrosecondsOffset = 128;

        // struct proc_taskinfo (96 bytes).
        internal const int TaskInfoSize = 96;
        internal const int TaskResidentOffset = 8, TaskThreadCountOffset = 84;
    }
}

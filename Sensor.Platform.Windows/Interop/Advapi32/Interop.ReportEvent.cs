using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class Advapi32
    {
        internal const ushort EventlogErrorType = 0x1, EventlogWarningType = 0x2, EventlogInformationType = 0x4;

        /// <summary>ReportEventW: one event with its insertion strings (<paramref name="strings"/> is LPCWSTR*).</summary>
        [LibraryImport(Name, EntryPoint = "ReportEventW", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static unsafe partial bool ReportEvent(nint eventLog, ushort type, ushort category, uint eventId, nint userSid,
            ushort numStrings, uint dataSize, char** strings, nint rawData);
    }
}

using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

internal static partial class Interop
{
    internal static partial class NtDll
    {
        internal const string Name = "ntdll.dll";
        internal const int SystemTimeOfDayInformation = 3;
        internal const int ProcessCommandLineInformation = 60;
        internal const int StatusInfoLengthMismatch = unchecked((int)0xC0000004);
    }
}

namespace Sensor.Platform.Windows;

/// <summary>Native imports, one function a file: <c>Interop/Wtsapi32/Interop.&lt;Function&gt;.cs</c>.</summary>
internal static partial class Interop
{
    internal static partial class Wtsapi32
    {
        internal const string Name = "wtsapi32.dll";

        // WTS_CONNECTSTATE_CLASS values of sessions a user is logged on to.
        internal const int WTSActive = 0;
        internal const int WTSConnected = 1;
        internal const int WTSDisconnected = 4;
    }
}

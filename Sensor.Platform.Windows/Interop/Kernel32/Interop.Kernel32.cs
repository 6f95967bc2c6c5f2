namespace Sensor.Platform.Windows;

/// <summary>Native imports, one function a file: <c>Interop/Kernel32/Interop.&lt;Function&gt;.cs</c>.</summary>
internal static partial class Interop
{
    internal static partial class Kernel32
    {
        internal const string Name = "kernel32.dll";
        internal const int ErrorNoMoreFiles = 18;
        internal const uint GenericRead = 0x80000000;
        internal const uint FileShareRead = 1, FileShareWrite = 2, FileShareDelete = 4;
        internal const uint OpenExisting = 3;
        internal const uint FileFlagBackupSemantics = 0x02000000;
        internal const uint FileFlagOpenReparsePoint = 0x00200000;
        internal const uint FileFlagSequentialScan = 0x08000000;
        internal const uint FileAttributeDirectory = 0x10;
        internal const uint FileAttributeReparsePoint = 0x400;
        internal const uint FileAttributeDevice = 0x40;
        internal const uint FileTypeDisk = 1;
        internal const uint MovefileReplaceExisting = 1, MovefileCopyAllowed = 2, MovefileWriteThrough = 8;
        internal const int FindExInfoBasic = 1;
        internal const int FindExSearchNameMatch = 0;
        internal const uint FindFirstExLargeFetch = 2;
    }
}

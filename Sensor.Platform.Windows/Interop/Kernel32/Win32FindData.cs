using System.Runtime.InteropServices;

namespace Sensor.Platform.Windows;

/// <summary>WIN32_FIND_DATAW: what FindFirstFileExW/FindNextFileW return for each entry.</summary>
[StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
internal unsafe struct Win32FindData
{
    public uint FileAttributes;
    public long CreationTime;
    public long LastAccessTime;
    public long LastWriteTime;
    public uint FileSizeHigh;
    public uint FileSizeLow;
    public uint Reserved0;
    public uint Reserved1;
    public fixed char FileName[260];
    public fixed char AlternateFileName[14];
}

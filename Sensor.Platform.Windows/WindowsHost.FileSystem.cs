using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Sensor.Platform.Windows;

/// <summary>
/// Files through Win32 directly: CreateFileW, ReadFile at an offset, GetFileInformationByHandle, FindFirstFileExW
/// (which returns size, times and attributes with each entry, so a listing needs no extra call per file). Win32
/// error numbers are already the reply's error numbers.
/// </summary>
public sealed partial class WindowsHost : IFileSystemHost
{
    // 1601-01-01 to 1970-01-01 in 100 ns ticks.
    private const long FileTimeEpochOffset = 116444736000000000;

    public static byte DirectorySeparator => (byte)'\\';

    public static int OpenRead(ReadOnlySpan<byte> path, out SafeFileHandle? handle, out FileStatus status)
    {
        handle = null;
        status = default;
        if (!TryDecode(path, out string text))
        {
            return ErrorCodes.InvalidName;
        }

        SafeFileHandle opened = Interop.Kernel32.CreateFile(text, Interop.Kernel32.GenericRead,
            Interop.Kernel32.FileShareRead | Interop.Kernel32.FileShareWrite | Interop.Kernel32.FileShareDelete,
            0, Interop.Kernel32.OpenExisting, Interop.Kernel32.FileFlagBackupSemantics | Interop.Kernel32.FileFlagSequentialScan, 0);
        if (opened.IsInvalid)
        {
            int error = Marshal.GetLastPInvokeError();
            opened.Dispose();
            return error;
        }

        // Pipes, consoles and devices are not files to read for content.
        if (Interop.Kernel32.GetFileType(opened) != Interop.Kernel32.FileTypeDisk)
        {
            opened.Dispose();
            return ErrorCodes.InvalidFunction;
        }

        if (!Interop.Kernel32.GetFileInformationByHandle(opened, out ByHandleFileInformation info))
        {
            int error = Marshal.GetLastPInvokeError();
            opened.Dispose();
            return error;
        }

        status = FromHandleInformation(info);
        if (status.Kind == DirectoryEntryKind.Directory)
        {
            opened.Dispose();
            return ErrorCodes.Directory;
        }

        handle = opened;
        return ErrorCodes.Success;
    }

    public static unsafe int ReadAt(SafeFileHandle handle, Span<byte> buffer, long offset, out int bytesRead)
    {
        NativeOverlapped overlapped = default;
        overlapped.OffsetLow = (int)(offset & 0xffffffff);
        overlapped.OffsetHigh = (int)(offset >> 32);
        fixed (byte* p = buffer)
        {
            if (Interop.Kernel32.ReadFile(handle, p, (uint)buffer.Length, out uint read, &overlapped))
            {
                bytesRead = (int)read;
                return ErrorCodes.Success;
            }
        }

        int error = Marshal.GetLastPInvokeError();
        bytesRead = 0;
        return error == ErrorCodes.HandleEof ? ErrorCodes.Success : error;
    }

    // FILE_FLAG_SEQUENTIAL_SCAN at open already asks the cache manager for read-ahead.
    public static void AdviseSequential(SafeFileHandle handle, long length)
    {
    }

    // The cache manager's read-ahead on a FILE_FLAG_SEQUENTIAL_SCAN handle already runs ahead of the reader.
    public static void AdviseWillNeed(SafeFileHandle handle, long offset, long length)
    {
    }

    public static int Stat(ReadOnlySpan<byte> path, bool followLinks, out FileStatus status)
    {
        status = default;
        if (!TryDecode(path, out string text))
        {
            return ErrorCodes.InvalidName;
        }

        uint flags = Interop.Kernel32.FileFlagBackupSemantics | (followLinks ? 0 : Interop.Kernel32.FileFlagOpenReparsePoint);
        using SafeFileHandle opened = Interop.Kernel32.CreateFile(text, 0,
            Interop.Kernel32.FileShareRead | Interop.Kernel32.FileShareWrite | Interop.Kernel32.FileShareDelete, 0,
            Interop.Kernel32.OpenExisting, flags, 0);
        if (opened.IsInvalid)
        {
            return Marshal.GetLastPInvokeError();
        }

        if (!Interop.Kernel32.GetFileInformationByHandle(opened, out ByHandleFileInformation info))
        {
            return Marshal.GetLastPInvokeError();
        }

        status = FromHandleInformation(info);
        return ErrorCodes.Success;
    }

    // FindFirstFileExW already returned every entry's status: the walker never needs this.
    public static int StatAt(nint directoryHandle, ReadOnlySpan<byte> name, out FileStatus status)
    {
        status = default;
        return ErrorCodes.NotSupported;
    }

    public static unsafe int EnumerateDirectory<TVisitor>(ReadOnlySpan<byte> path, ref TVisitor visitor)
        where TVisitor : struct, IDirectoryEntryVisitor
    {
        if (!TryDecode(path, out string text))
        {
            return ErrorCodes.InvalidName;
        }

        Win32FindData data;
        string pattern = text.EndsWith('\\') ? text + "*" : text + "\\*";
        nint find = Interop.Kernel32.FindFirstFileEx(pattern, Interop.Kernel32.FindExInfoBasic, &data,
            Interop.Kernel32.FindExSearchNameMatch, 0, Interop.Kernel32.FindFirstExLargeFetch);
        if (find == -1)
        {
            int error = Marshal.GetLastPInvokeError();
            return error == ErrorCodes.FileNotFound ? ErrorCodes.Success : error;
        }

        byte[] name = new byte[260 * 3];
        try
        {
            do
            {
                ReadOnlySpan<char> wide = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(data.FileName);
                if (wide is "." or "..")
                {
                    continue;
                }

                int length = Encoding.UTF8.GetBytes(wide, name);
                FileStatus status = FromFindData(data);
                if (!visitor.OnEntry(new DirectoryEntry(name.AsSpan(0, length), status.Kind, 0, hasStatus: true, status)))
                {
                    return ErrorCodes.Success;
                }
            }
            while (Interop.Kernel32.FindNextFile(find, &data));

            int last = Marshal.GetLastPInvokeError();
            return last == Interop.Kernel32.ErrorNoMoreFiles ? ErrorCodes.Success : last;
        }
        finally
        {
            Interop.Kernel32.FindClose(find);
        }
    }

    public static int DeleteFile(ReadOnlySpan<byte> path)
    {
        if (!TryDecode(path, out string text))
        {
            return ErrorCodes.InvalidName;
        }

        if (Interop.Kernel32.DeleteFile(text))
        {
            return ErrorCodes.Success;
        }

        int error = Marshal.GetLastPInvokeError();
        return error == ErrorCodes.AccessDenied && Directory.Exists(text) ? ErrorCodes.Directory : error;
    }

    public static int MoveFile(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        if (!TryDecode(source, out string from) || !TryDecode(destination, out string to))
        {
            return ErrorCodes.InvalidName;
        }

        return Interop.Kernel32.MoveFileEx(from, to, Interop.Kernel32.MovefileReplaceExisting | Interop.Kernel32.MovefileCopyAllowed | Interop.Kernel32.MovefileWriteThrough)
            ? ErrorCodes.Success
            : Marshal.GetLastPInvokeError();
    }

    public static unsafe string? CanonicalPath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
        {
            return null;
        }

        using SafeFileHandle opened = Interop.Kernel32.CreateFile(path, 0,
            Interop.Kernel32.FileShareRead | Interop.Kernel32.FileShareWrite | Interop.Kernel32.FileShareDelete, 0,
            Interop.Kernel32.OpenExisting, Interop.Kernel32.FileFlagBackupSemantics, 0);
        if (opened.IsInvalid)
        {
            return null;
        }

        char* buffer = stackalloc char[32768];
        uint length = Interop.Kernel32.GetFinalPathNameByHandle(opened, buffer, 32768, 0);
        if (length == 0 || length >= 32768)
        {
            return null;
        }

        string final = new(buffer, 0, (int)length);
        // GetFinalPathNameByHandle answers in the \\?\ form; compare like with like.
        return final.StartsWith(@"\\?\UNC\", StringComparison.Ordinal) ? @"\\" + final[8..]
            : final.StartsWith(@"\\?\", StringComparison.Ordinal) ? final[4..] : final;
    }

    private static bool TryDecode(ReadOnlySpan<byte> path, out string text)
    {
        text = "";
        if (path.IsEmpty || path.Contains((byte)0))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(path);
        return true;
    }

    private static FileStatus FromHandleInformation(in ByHandleFileInformation info) => new(
        KindOf(info.FileAttributes),
        ((long)info.FileSizeHigh << 32) | info.FileSizeLow,
        info.FileAttributes,
        ToUnixMs(info.LastAccessTime),
        ToUnixMs(info.LastWriteTime),
        ToUnixMs(info.CreationTime),
        info.VolumeSerialNumber,
        ((ulong)info.FileIndexHigh << 32) | info.FileIndexLow);

    private static FileStatus FromFindData(in Win32FindData data) => new(
        KindOf(data.FileAttributes),
        ((long)data.FileSizeHigh << 32) | data.FileSizeLow,
        data.FileAttributes,
        ToUnixMs(data.LastAccessTime),
        ToUnixMs(data.LastWriteTime),
        ToUnixMs(data.CreationTime),
        0,
        0);

    private static DirectoryEntryKind KindOf(uint attributes) =>
        (attributes & Interop.Kernel32.FileAttributeReparsePoint) != 0 ? DirectoryEntryKind.SymbolicLink
        : (attributes & Interop.Kernel32.FileAttributeDirectory) != 0 ? DirectoryEntryKind.Directory
        : (attributes & Interop.Kernel32.FileAttributeDevice) != 0 ? DirectoryEntryKind.Other
        : DirectoryEntryKind.File;

    private static long ToUnixMs(long fileTime) => fileTime <= 0 ? 0 : (fileTime - FileTimeEpochOffset) / 10_000;
}

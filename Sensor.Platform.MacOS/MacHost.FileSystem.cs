using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Sensor.Platform.MacOS;

/// <summary>Files through the BSD calls of libSystem: open/fstat/fstatat, fdopendir/readdir, pread, unlink, rename.</summary>
public sealed partial class MacHost : IFileSystemHost
{
    private const int ORdonly = 0, ONonblock = 0x4, ONoctty = 0x20000, ODirectory = 0x100000, OCloexec = 0x1000000;
    private const int AtFdcwd = -2, AtSymlinkNofollow = 0x20;
    private const int FGetfl = 3, FSetfl = 4;

    // struct dirent (64-bit inodes): d_ino u64 @0, d_seekoff u64 @8, d_reclen u16 @16, d_namlen u16 @18, d_type u8 @20, d_name @21.
    private const int DirentNameLength = 18, DirentType = 20, DirentName = 21;
    private const byte DtFifo = 1, DtChr = 2, DtDir = 4, DtBlk = 6, DtReg = 8, DtLnk = 10, DtSock = 12;

    public static byte DirectorySeparator => (byte)'/';

    public static unsafe int OpenRead(ReadOnlySpan<byte> path, out SafeFileHandle? handle, out FileStatus status)
    {
        handle = null;
        status = default;
        if (!IsValidPath(path))
        {
            return ErrorCodes.InvalidName;
        }

        byte[] z = Terminated(path);
        int fd;
        fixed (byte* p = z)
        {
            fd = Interop.Libc.Open(p, ORdonly | ONonblock | OCloexec | ONoctty, 0);
        }

        if (fd < 0)
        {
            return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
        }

        var opened = new SafeFileHandle(fd, ownsHandle: true);
        byte* buffer = stackalloc byte[MacStatParser.Size];
        if (Interop.Libc.Fstat(fd, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            opened.Dispose();
            return Errno.ToErrorCode(errno);
        }

        status = MacStatParser.Parse(new ReadOnlySpan<byte>(buffer, MacStatParser.Size));
        if (status.Kind != DirectoryEntryKind.File)
        {
            opened.Dispose();
            return status.Kind == DirectoryEntryKind.Directory ? ErrorCodes.Directory : ErrorCodes.InvalidFunction;
        }

        int flags = Interop.Libc.Fcntl(opened, FGetfl, 0);
        if (flags >= 0)
        {
            _ = Interop.Libc.Fcntl(opened, FSetfl, flags & ~ONonblock);
        }

        handle = opened;
        return ErrorCodes.Success;
    }

    public static unsafe int ReadAt(SafeFileHandle handle, Span<byte> buffer, long offset, out int bytesRead)
    {
        while (true)
        {
            nint n;
            fixed (byte* p = buffer)
            {
                n = Interop.Libc.Pread(handle, p, (nuint)buffer.Length, offset);
            }

            if (n >= 0)
            {
                bytesRead = (int)n;
                return ErrorCodes.Success;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                bytesRead = 0;
                return Errno.ToErrorCode(errno);
            }
        }
    }

    // The unified buffer cache reads ahead on sequential access by itself.
    public static void AdviseSequential(SafeFileHandle handle, long length)
    {
    }

    // The unified buffer cache's sequential read-ahead serves here; F_RDADVISE would be the explicit form.
    public static void AdviseWillNeed(SafeFileHandle handle, long offset, long length)
    {
    }

    public static unsafe int Stat(ReadOnlySpan<byte> path, bool followLinks, out FileStatus status)
    {
        status = default;
        if (!IsValidPath(path))
        {
            return ErrorCodes.InvalidName;
        }

        byte[] z = Terminated(path);
        byte* buffer = stackalloc byte[MacStatParser.Size];
        fixed (byte* p = z)
        {
            if (Interop.Libc.Fstatat(AtFdcwd, p, buffer, followLinks ? 0 : AtSymlinkNofollow) != 0)
            {
                return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
            }
        }

        status = MacStatParser.Parse(new ReadOnlySpan<byte>(buffer, MacStatParser.Size));
        return ErrorCodes.Success;
    }

    public static unsafe int StatAt(nint directoryHandle, ReadOnlySpan<byte> name, out FileStatus status)
    {
        status = default;
        if (name.IsEmpty || name.Length > 1024 || name.Contains((byte)0))
        {
            return ErrorCodes.InvalidName;
        }

        byte* z = stackalloc byte[name.Length + 1];
        name.CopyTo(new Span<byte>(z, name.Length));
        z[name.Length] = 0;
        byte* buffer = stackalloc byte[MacStatParser.Size];
        if (Interop.Libc.Fstatat((int)directoryHandle, z, buffer, AtSymlinkNofollow) != 0)
        {
            return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
        }

        status = MacStatParser.Parse(new ReadOnlySpan<byte>(buffer, MacStatParser.Size));
        return ErrorCodes.Success;
    }

    public static unsafe int EnumerateDirectory<TVisitor>(ReadOnlySpan<byte> path, ref TVisitor visitor)
        where TVisitor : struct, IDirectoryEntryVisitor
    {
        if (!IsValidPath(path))
        {
            return ErrorCodes.InvalidName;
        }

        byte[] z = Terminated(path);
        int fd;
        fixed (byte* p = z)
        {
            fd = Interop.Libc.Open(p, ORdonly | ODirectory | OCloexec | ONonblock, 0);
        }

        if (fd < 0)
        {
            return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
        }

        nint dir = Interop.Libc.Fdopendir(fd);
        if (dir == 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _ = Interop.Libc.Close(fd);
            return Errno.ToErrorCode(errno);
        }

        try
        {
            int dirFd = Interop.Libc.Dirfd(dir);
            while (true)
            {
                Marshal.SetLastPInvokeError(0);
                byte* entry = Interop.Libc.Readdir(dir);
                if (entry == null)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    return errno == 0 ? ErrorCodes.Success : Errno.ToErrorCode(errno);
                }

                int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(entry + DirentNameLength, 2));
                var name = new ReadOnlySpan<byte>(entry + DirentName, nameLength);
                if ((nameLength == 1 && name[0] == (byte)'.') || (nameLength == 2 && name[0] == (byte)'.' && name[1] == (byte)'.'))
                {
                    continue;
                }

                DirectoryEntryKind kind = entry[DirentType] switch
                {
                    DtReg => DirectoryEntryKind.File,
                    DtDir => DirectoryEntryKind.Directory,
                    DtLnk => DirectoryEntryKind.SymbolicLink,
                    DtFifo or DtChr or DtBlk or DtSock => DirectoryEntryKind.Other,
                    _ => DirectoryEntryKind.Unknown,
                };
                if (!visitor.OnEntry(new DirectoryEntry(name, kind, dirFd, hasStatus: false, default)))
                {
                    return ErrorCodes.Success;
                }
            }
        }
        finally
        {
            _ = Interop.Libc.Closedir(dir);
        }
    }

    public static unsafe int DeleteFile(ReadOnlySpan<byte> path)
    {
        if (!IsValidPath(path))
        {
            return ErrorCodes.InvalidName;
        }

        byte[] z = Terminated(path);
        fixed (byte* p = z)
        {
            if (Interop.Libc.Unlink(p) == 0)
            {
                return ErrorCodes.Success;
            }
        }

        int errno = Marshal.GetLastPInvokeError();
        if (errno is Errno.EPERM or Errno.EISDIR && Stat(path, followLinks: false, out FileStatus s) == 0 && s.Kind == DirectoryEntryKind.Directory)
        {
            return ErrorCodes.Directory;
        }

        return Errno.ToErrorCode(errno);
    }

    public static unsafe int MoveFile(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        if (!IsValidPath(source) || !IsValidPath(destination))
        {
            return ErrorCodes.InvalidName;
        }

        byte[] s = Terminated(source);
        byte[] d = Terminated(destination);
        fixed (byte* ps = s)
        fixed (byte* pd = d)
        {
            if (Interop.Libc.Rename(ps, pd) == 0)
            {
                return ErrorCodes.Success;
            }
        }

        int errno = Marshal.GetLastPInvokeError();
        if (errno != Errno.EXDEV)
        {
            return Errno.ToErrorCode(errno);
        }

        try
        {
            string from = Encoding.UTF8.GetString(source);
            File.Copy(from, Encoding.UTF8.GetString(destination), overwrite: true);
            File.Delete(from);
            return ErrorCodes.Success;
        }
        catch (UnauthorizedAccessException)
        {
            return ErrorCodes.AccessDenied;
        }
        catch (IOException)
        {
            return ErrorCodes.WriteFault;
        }
    }

    public static unsafe string? CanonicalPath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
        {
            return null;
        }

        byte[] z = Terminated(Encoding.UTF8.GetBytes(path));
        byte* resolved = stackalloc byte[1025];
        fixed (byte* p = z)
        {
            byte* r = Interop.Libc.Realpath(p, resolved);
            return r == null ? null : Marshal.PtrToStringUTF8((nint)r);
        }
    }

    private static byte[] Terminated(ReadOnlySpan<byte> path)
    {
        byte[] z = new byte[path.Length + 1];
        path.CopyTo(z);
        return z;
    }

    private static bool IsValidPath(ReadOnlySpan<byte> path) => !path.IsEmpty && !path.Contains((byte)0);
}

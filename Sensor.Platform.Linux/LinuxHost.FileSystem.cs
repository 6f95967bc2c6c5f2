using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Sensor.Platform.Linux;

public sealed partial class LinuxHost : IFileSystemHost
{
    private const int ORdonly = 0, ONoctty = 0x100, ONonblock = 0x800, OCloexec = 0x80000;
    private const int AtFdcwd = -100, AtSymlinkNofollow = 0x100, AtEmptyPath = 0x1000;
    private const int PosixFadvSequential = 2, PosixFadvWillneed = 3;
    private const int PathMax = 4096;
    private const int DirentBufferSize = 64 * 1024;

    // O_DIRECTORY and O_NOFOLLOW differ between x86-64 and arm64; the JIT/AOT folds the branch.
    private static int ODirectory => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;

    [ThreadStatic]
    private static byte[]? t_direntBuffer;

    public static byte DirectorySeparator => (byte)'/';

    public static unsafe int OpenRead(ReadOnlySpan<byte> path, out SafeFileHandle? handle, out FileStatus status)
    {
        handle = null;
        status = default;
        if (!TryTerminate(path, stackalloc byte[ShortPathBytes], out Span<byte> z))
        {
            return ErrorCodes.InvalidName;
        }

        int fd;
        fixed (byte* p = z)
        {
            // O_NONBLOCK: opening a FIFO for reading must not wait for a writer; what is not a regular file is
            // refused below.
            fd = Interop.Libc.Open(p, ORdonly | ONonblock | OCloexec | ONoctty, 0);
        }

        if (fd < 0)
        {
            return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
        }

        var opened = new SafeFileHandle(fd, ownsHandle: true);
        int error = FStat(fd, out status);
        if (error != ErrorCodes.Success)
        {
            opened.Dispose();
            return error;
        }

        if (status.Kind != DirectoryEntryKind.File)
        {
            opened.Dispose();
            return status.Kind == DirectoryEntryKind.Directory ? ErrorCodes.Directory : ErrorCodes.InvalidFunction;
        }

        // O_NONBLOCK stays set: only a regular file gets here, and reads of a regular file do not look at it (only
        // RWF_NOWAIT or io_uring make a page-cache read non-blocking), so clearing it would be a system call per file
        // hashed for nothing.
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

    public static void AdviseSequential(SafeFileHandle handle, long length) =>
        _ = Interop.Libc.PosixFadvise(handle, 0, length, PosixFadvSequential);

    public static void AdviseWillNeed(SafeFileHandle handle, long offset, long length) =>
        _ = Interop.Libc.PosixFadvise(handle, offset, length, PosixFadvWillneed);

    public static unsafe int Stat(ReadOnlySpan<byte> path, bool followLinks, out FileStatus status)
    {
        status = default;
        if (!TryTerminate(path, stackalloc byte[ShortPathBytes], out Span<byte> z))
        {
            return ErrorCodes.InvalidName;
        }

        fixed (byte* p = z)
        {
            return StatxAt(AtFdcwd, p, followLinks ? 0 : AtSymlinkNofollow, out status);
        }
    }

    public static unsafe int StatAt(nint directoryHandle, ReadOnlySpan<byte> name, out FileStatus status)
    {
        status = default;
        if (name.IsEmpty || name.Length >= 256 || name.Contains((byte)0))
        {
            return ErrorCodes.InvalidName;
        }

        byte* z = stackalloc byte[name.Length + 1];
        name.CopyTo(new Span<byte>(z, name.Length));
        z[name.Length] = 0;
        return StatxAt((int)directoryHandle, z, AtSymlinkNofollow, out status);
    }

    public static unsafe int EnumerateDirectory<TVisitor>(ReadOnlySpan<byte> path, ref TVisitor visitor)
        where TVisitor : struct, IDirectoryEntryVisitor
    {
        if (!TryTerminate(path, stackalloc byte[ShortPathBytes], out Span<byte> z))
        {
            return ErrorCodes.InvalidName;
        }

        int fd;
        fixed (byte* p = z)
        {
            fd = Interop.Libc.Open(p, ORdonly | ODirectory | OCloexec | ONonblock, 0);
        }

        if (fd < 0)
        {
            return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
        }

        // One buffer per thread for its life: no pool round trip per directory (and the shared pool's per-core
        // bookkeeping is not set up just for this). Taken out while in use, so a visitor that enumerates another
        // directory from inside the loop gets a buffer of its own.
        byte[] buffer = t_direntBuffer ?? GC.AllocateUninitializedArray<byte>(DirentBufferSize);
        t_direntBuffer = null;
        try
        {
            fixed (byte* b = buffer)
            {
                while (true)
                {
                    nint n = Interop.Libc.Getdents64(fd, b, (nuint)buffer.Length);
                    if (n == 0)
                    {
                        return ErrorCodes.Success;
                    }

                    if (n < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        if (errno == Errno.EINTR)
                        {
                            continue;
                        }

                        // The directory was removed while being read: what was read stands.
                        return errno == Errno.ENOENT ? ErrorCodes.Success : Errno.ToErrorCode(errno);
                    }

                    ReadOnlySpan<byte> records = new(b, (int)n);
                    int offset = 0;
                    while (DirentParser.TryRead(records, ref offset, out ReadOnlySpan<byte> name, out DirectoryEntryKind kind, out _))
                    {
                        if (DirentParser.IsDotOrDotDot(name))
                        {
                            continue;
                        }

                        if (!visitor.OnEntry(new DirectoryEntry(name, kind, fd, hasStatus: false, default)))
                        {
                            return ErrorCodes.Success;
                        }
                    }
                }
            }
        }
        finally
        {
            t_direntBuffer = buffer;
            _ = Interop.Libc.Close(fd);
        }
    }

    public static unsafe int DeleteFile(ReadOnlySpan<byte> path)
    {
        if (!TryTerminate(path, stackalloc byte[ShortPathBytes], out Span<byte> z))
        {
            return ErrorCodes.InvalidName;
        }

        fixed (byte* p = z)
        {
            if (Interop.Libc.Unlink(p) == 0)
            {
                return ErrorCodes.Success;
            }
        }

        int errno = Marshal.GetLastPInvokeError();
        // unlink of a directory reports EISDIR on Linux (EPERM by POSIX): say what it is.
        if (errno is Errno.EISDIR or Errno.EPERM && Stat(path, followLinks: false, out FileStatus s) == 0 && s.Kind == DirectoryEntryKind.Directory)
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

        byte[] s = new byte[source.Length + 1];
        byte[] d = new byte[destination.Length + 1];
        source.CopyTo(s);
        destination.CopyTo(d);
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

        // Across file systems: copy then delete, as mv does. Only regular files; the copy keeps the mode bits.
        try
        {
            string from = Encoding.UTF8.GetString(source);
            string to = Encoding.UTF8.GetString(destination);
            File.Copy(from, to, overwrite: true);
            File.Delete(from);
            return ErrorCodes.Success;
        }
        catch (UnauthorizedAccessException)
        {
            return ErrorCodes.AccessDenied;
        }
        catch (IOException e)
        {
            return e.HResult is > 0 and < 0x10000 ? Errno.ToErrorCode(e.HResult) : ErrorCodes.WriteFault;
        }
    }

    public static unsafe string? CanonicalPath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
        {
            return null;
        }

        byte[] z = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, z);
        byte* resolved = stackalloc byte[PathMax + 1];
        fixed (byte* p = z)
        {
            byte* r = Interop.Libc.Realpath(p, resolved);
            return r == null ? null : Marshal.PtrToStringUTF8((nint)r);
        }
    }

    private static unsafe int FStat(int fd, out FileStatus status)
    {
        byte empty = 0;
        return StatxAt(fd, &empty, AtEmptyPath, out status);
    }

    private static unsafe int StatxAt(int dirfd, byte* path, int flags, out FileStatus status)
    {
        byte* buffer = stackalloc byte[StatxParser.Size];
        if (Interop.Libc.Statx(dirfd, path, flags, StatxParser.Mask, buffer) != 0)
        {
            status = default;
            return Errno.ToErrorCode(Marshal.GetLastPInvokeError());
        }

        status = StatxParser.Parse(new ReadOnlySpan<byte>(buffer, StatxParser.Size));
        return ErrorCodes.Success;
    }

    /// <summary>Rejects what the kernel would misread: empty paths and embedded NULs (which would cut the path short).</summary>
    private static bool IsValidPath(ReadOnlySpan<byte> path) => !path.IsEmpty && !path.Contains((byte)0);

    // Paths shorter than this are terminated on the caller's stack; longer ones (up to PATH_MAX and beyond, which the
    // kernel then refuses itself) on the heap.
    private const int ShortPathBytes = 1024;

    /// <summary>
    /// Checks <paramref name="path"/> (<see cref="IsValidPath"/>) and gives it NUL-terminated for a system call: in
    /// <paramref name="scratch"/> when it fits, else in a new array.
    /// </summary>
    private static bool TryTerminate(ReadOnlySpan<byte> path, Span<byte> scratch, out Span<byte> terminated)
    {
        if (!IsValidPath(path))
        {
            terminated = default;
            return false;
        }

        terminated = path.Length < scratch.Length ? scratch[..(path.Length + 1)] : new byte[path.Length + 1];
        path.CopyTo(terminated);
        terminated[^1] = 0;
        return true;
    }
}

using System.Runtime.InteropServices;

namespace Sensor.Platform.MacOS;

/// <summary>macOS (BSD) errno values, which differ from Linux's, and their translation to reply error numbers.</summary>
public static class Errno
{
    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, EBADF = 9, ENOMEM = 12,
        EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENOTDIR = 20, EISDIR = 21, EINVAL = 22,
        EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30, EAGAIN = 35, ENOTSUP = 45, ETIMEDOUT = 60, ELOOP = 62,
        ENAMETOOLONG = 63, ENOTEMPTY = 66, ENOSYS = 78, EOVERFLOW = 84, EOPNOTSUPP = 102;

    public static int ToErrorCode(int errno) => errno switch
    {
        0 => ErrorCodes.Success,
        ENOENT => ErrorCodes.FileNotFound,
        ENOTDIR => ErrorCodes.PathNotFound,
        EPERM or EACCES => ErrorCodes.AccessDenied,
        ENOMEM => ErrorCodes.NotEnoughMemory,
        EEXIST => ErrorCodes.FileExists,
        EINVAL or ESRCH => ErrorCodes.InvalidParameter,
        ENAMETOOLONG => ErrorCodes.FilenameExcedRange,
        EFBIG or EOVERFLOW => ErrorCodes.FileTooLarge,
        ETIMEDOUT => ErrorCodes.Timeout,
        ENOSPC => ErrorCodes.DiskFull,
        EROFS => ErrorCodes.WriteProtect,
        EISDIR => ErrorCodes.Directory,
        EBUSY => ErrorCodes.Busy,
        ENOTEMPTY => ErrorCodes.DirNotEmpty,
        ENOSYS or ENOTSUP or EOPNOTSUPP or EXDEV => ErrorCodes.NotSupported,
        EIO or ENXIO => ErrorCodes.ReadFault,
        EFAULT => ErrorCodes.InvalidAddress,
        EBADF => ErrorCodes.InvalidHandle,
        ELOOP => ErrorCodes.InvalidName,
        ESPIPE => ErrorCodes.Seek,
        _ => ErrorCodes.InvalidFunction,
    };

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}

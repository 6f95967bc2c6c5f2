using System.Runtime.InteropServices;

namespace Sensor.Platform.Linux;

/// <summary>Linux errno values, and their translation to the reply's Windows error numbers (reply-events.md §3).</summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int ENOTTY = 25;
    public const int EFBIG = 27;
    public const int ENOSPC = 28;
    public const int ESPIPE = 29;
    public const int EROFS = 30;
    public const int ENAMETOOLONG = 36;
    public const int ENOSYS = 38;
    public const int ENOTEMPTY = 39;
    public const int ELOOP = 40;
    public const int EOVERFLOW = 75;
    public const int EOPNOTSUPP = 95;
    public const int ETIMEDOUT = 110;

    /// <summary>The one place errno becomes a reply <c>ERROR</c>.</summary>
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
        ENOSYS or EOPNOTSUPP => ErrorCodes.NotSupported,
        EIO or ENXIO => ErrorCodes.ReadFault,
        EFAULT => ErrorCodes.InvalidAddress,
        EBADF => ErrorCodes.InvalidHandle,
        ELOOP => ErrorCodes.InvalidName,
        EXDEV => ErrorCodes.NotSupported,
        ESPIPE => ErrorCodes.Seek,
        _ => ErrorCodes.InvalidFunction,
    };

    /// <summary>A short text for the errno, for <c>ERROR_MESSAGE</c>.</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}

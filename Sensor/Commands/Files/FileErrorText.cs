using Sensor.Platform;

namespace Sensor.Commands.Files;

/// <summary>The <c>ERROR_MESSAGE</c> of a failed file operation, from its reply error code.</summary>
public static class FileErrorText
{
    public static string Describe(int error, string path) => error switch
    {
        ErrorCodes.FileNotFound => $"no such file: {path}",
        ErrorCodes.PathNotFound => $"a component of the path is not a directory: {path}",
        ErrorCodes.AccessDenied => $"access denied: {path}",
        ErrorCodes.Directory => $"is a directory: {path}",
        ErrorCodes.InvalidFunction => $"not a regular file (FIFO, socket or device), not read: {path}",
        ErrorCodes.ReadFault => $"read error (I/O error) on {path}",
        ErrorCodes.InvalidName => $"invalid path: {path}",
        ErrorCodes.FilenameExcedRange => $"path too long: {path}",
        ErrorCodes.FileTooLarge => $"file too large: {path}",
        ErrorCodes.DirNotEmpty => $"directory not empty: {path}",
        ErrorCodes.WriteProtect => $"read-only file system: {path}",
        ErrorCodes.Busy => $"busy: {path}",
        ErrorCodes.FileExists => $"already exists: {path}",
        ErrorCodes.NotSupported => $"operation not supported for {path}",
        _ => $"error {error} on {path}",
    };
}

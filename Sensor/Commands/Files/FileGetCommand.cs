using Microsoft.Win32.SafeHandles;
using Sensor.Events;
using Sensor.FileSystem;
using Sensor.Platform;

namespace Sensor.Commands.Files;

/// <summary>
/// file_get: at most <see cref="MaxBytes"/> (10 MB, the reference's limit) of a file, read straight into the reply.
/// Asking for more, or for a whole file larger than that, answers ERROR 223 with the file's <c>FILE_SIZE</c>.
/// </summary>
[Command("file_get", 12, ReplyEvent = "FILE_GET_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Retrieve a file from the endpoint.")]
public sealed partial class FileGetCommand
{
    public const int MaxBytes = 10 * 1024 * 1024;

    [Option("-o", "--offset", Meta = "OFFSET", Help = "offset bytes to begin reading the file at, in base 10")]
    public long Offset { get; set; }

    [Option("-s", "--size", Meta = "MAXSIZE", Help = "maximum number of bytes to read, in base 10, max of 10MB")]
    public long? MaxSize { get; set; }

    [Positional("file", Help = "file path to file to get")]
    public string File { get; set; } = "";

    public static void Execute(FileGetCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        reply.Begin("FILE_GET_REP");
        reply.Field(FieldNames.FilePath, arguments.File);
        reply.Field(FieldNames.Offset, arguments.Offset);
        if (arguments.MaxSize is { } requested)
        {
            reply.Field(FieldNames.MaxSize, requested);
        }

        if (arguments.Offset < 0 || arguments.MaxSize < 0)
        {
            reply.End(ErrorCodes.InvalidParameter, "offset and size must not be negative");
            return;
        }

        if (arguments.MaxSize > MaxBytes)
        {
            reply.End(ErrorCodes.FileTooLarge, $"size {arguments.MaxSize} is over the file_get limit of {MaxBytes} bytes; use artifact_get");
            return;
        }

        int error = Os.OpenRead(Utf8Path.From(arguments.File), out SafeFileHandle? handle, out FileStatus status);
        if (error != ErrorCodes.Success)
        {
            reply.End(error, FileErrorText.Describe(error, arguments.File));
            return;
        }

        using (handle)
        {
            reply.Field(FieldNames.FileSize, status.Size);
            long available = Math.Max(0, status.Size - arguments.Offset);
            if (arguments.MaxSize is null && available > MaxBytes)
            {
                reply.End(ErrorCodes.FileTooLarge, $"{available} bytes from offset {arguments.Offset} are over the file_get limit of {MaxBytes} bytes; pass -s or use artifact_get");
                return;
            }

            // Pseudo-files report size 0 yet have content: read up to the limit plus one byte to tell "too large".
            bool sizeKnown = status.Size > 0;
            long want = arguments.MaxSize ?? (sizeKnown ? available : MaxBytes + 1L);
            if (arguments.MaxSize is { } max && sizeKnown)
            {
                want = Math.Min(max, available);
            }

            Span<byte> content = reply.BeginBinary(FieldNames.FileContent, (int)want);
            error = FileHasher.ReadFully(handle!, content, arguments.Offset, out int filled);
            if (error == ErrorCodes.Success && arguments.MaxSize is null && !sizeKnown && filled > MaxBytes)
            {
                reply.CommitBinary(0);
                reply.End(ErrorCodes.FileTooLarge, $"the file has more than {MaxBytes} bytes from offset {arguments.Offset}; pass -s or use artifact_get");
                return;
            }

            reply.CommitBinary(error == ErrorCodes.Success ? filled : 0);
            reply.End(error, error == ErrorCodes.Success ? null : FileErrorText.Describe(error, arguments.File));
        }
    }
}

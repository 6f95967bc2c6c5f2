using Sensor.Events;
using Sensor.FileSystem;
using Sensor.Platform;

namespace Sensor.Commands.Files;

[Command("file_hash", 13, ReplyEvent = "FILE_HASH_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Compute the hash of a file.")]
public sealed partial class FileHashCommand
{
    [Positional("file", Help = "file path to hash")]
    public string File { get; set; } = "";

    public static void Execute(FileHashCommand arguments, CommandContext context)
    {
        Span<byte> hash = stackalloc byte[32];
        int error = FileHasher.HashFile(Utf8Path.From(arguments.File), hash, out _, cancellation: context.Cancellation, mode: HashReadMode.ReadAhead);
        EventBuilder reply = context.Reply;
        reply.Begin("FILE_HASH_REP");
        reply.Field(FieldNames.FilePath, arguments.File);
        if (error == ErrorCodes.Success)
        {
            reply.FieldHex(FieldNames.Hash, hash);
            reply.End(error);
        }
        else
        {
            // Never a hash for a file that could not be read whole: the error alone.
            reply.End(error, FileErrorText.Describe(error, arguments.File));
        }
    }
}

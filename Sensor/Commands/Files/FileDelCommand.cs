using Sensor.Events;
using Sensor.FileSystem;
using Sensor.Platform;
using Sensor.Runtime;

namespace Sensor.Commands.Files;

/// <summary>file_del deletes one file (not a directory); the root, the sensor's binary and its state are refused.</summary>
[Command("file_del", 11, ReplyEvent = "FILE_DEL_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Delete a file from the endpoint.")]
public sealed partial class FileDelCommand
{
    [Positional("file", Help = "file path to delete")]
    public string File { get; set; } = "";

    public static void Execute(FileDelCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        reply.Begin("FILE_DEL_REP");
        reply.Field(FieldNames.FilePath, arguments.File);
        if (ProtectedPaths.Reason(arguments.File) is { } refusal)
        {
            reply.End(ErrorCodes.AccessDenied, refusal);
            return;
        }

        int error = Os.DeleteFile(Utf8Path.From(arguments.File));
        reply.End(error, error == ErrorCodes.Success ? null : FileErrorText.Describe(error, arguments.File));
    }
}

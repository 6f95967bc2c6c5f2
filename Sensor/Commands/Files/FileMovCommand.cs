using Sensor.Events;
using Sensor.FileSystem;
using Sensor.Platform;
using Sensor.Runtime;

namespace Sensor.Commands.Files;

/// <summary>file_mov renames or moves a file; neither side may be the root, the sensor's binary or its state.</summary>
[Command("file_mov", 15, ReplyEvent = "FILE_MOV_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Move / rename a file on the endpoint.")]
public sealed partial class FileMovCommand
{
    [Positional("srcFile", Help = "source file path")]
    public string Source { get; set; } = "";

    [Positional("dstFile", Help = "destination file path")]
    public string Destination { get; set; } = "";

    public static void Execute(FileMovCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        reply.Begin("FILE_MOV_REP");
        reply.Field(FieldNames.Source, arguments.Source);
        reply.Field(FieldNames.Destination, arguments.Destination);
        if ((ProtectedPaths.Reason(arguments.Source) ?? ProtectedPaths.Reason(arguments.Destination)) is { } refusal)
        {
            reply.End(ErrorCodes.AccessDenied, refusal);
            return;
        }

        int error = Os.MoveFile(Utf8Path.From(arguments.Source), Utf8Path.From(arguments.Destination));
        reply.End(error, error == ErrorCodes.Success ? null : FileErrorText.Describe(error, arguments.Source + " -> " + arguments.Destination));
    }
}

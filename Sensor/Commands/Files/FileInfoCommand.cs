using Sensor.Events;
using Sensor.FileSystem;
using Sensor.Platform;

namespace Sensor.Commands.Files;

/// <summary>file_info reports the file a path leads to (links followed), the one file_get and file_hash would read.</summary>
[Command("file_info", 14, ReplyEvent = "FILE_INFO_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Get file information, timestamps, sizes, etc.")]
public sealed partial class FileInfoCommand
{
    [Positional("file", Help = "file path to file to get info on")]
    public string File { get; set; } = "";

    public static void Execute(FileInfoCommand arguments, CommandContext context)
    {
        int error = Os.Stat(Utf8Path.From(arguments.File), followLinks: true, out FileStatus status);
        EventBuilder reply = context.Reply;
        reply.Begin("FILE_INFO_REP");
        reply.Field(FieldNames.FilePath, arguments.File);
        if (error != ErrorCodes.Success)
        {
            reply.End(error, FileErrorText.Describe(error, arguments.File));
            return;
        }

        FileEntryWriter.WriteStatus(reply, status);
        reply.End(ErrorCodes.Success);
    }
}

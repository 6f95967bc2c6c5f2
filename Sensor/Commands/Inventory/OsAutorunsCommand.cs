using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Inventory;

namespace Sensor.Commands.Inventory;

/// <summary>What starts code at boot or login, each entry with where it was found and the SHA-256 of what it runs.</summary>
[Command("os_autoruns", 30, ReplyEvent = "OS_AUTORUNS_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "List pieces of code executing at startup, similar to SysInternals autoruns.")]
public sealed partial class OsAutorunsCommand
{
    public static void Execute(OsAutorunsCommand arguments, CommandContext context)
    {
        _ = arguments;
        var autoruns = new List<AutorunEntry>(256);
        InventoryResult result = Os.ListAutoruns(autoruns);
        // The same program (a shell, /usr/bin/test) is started from many places: hash it once.
        var hashes = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        InventoryReply.Send(context, "OS_AUTORUNS_REP", result, FieldNames.Autoruns, autoruns, (reply, autorun) =>
        {
            reply.Field(FieldNames.FilePath, autorun.Location);
            reply.Field(FieldNames.Type, autorun.Kind);
            reply.Field(FieldNames.CommandLine, autorun.Command);
            if (autorun.Executable.Length == 0)
            {
                return;
            }

            reply.Field(FieldNames.Executable, autorun.Executable);
            if (!hashes.TryGetValue(autorun.Executable, out byte[]? hash))
            {
                byte[] computed = new byte[32];
                hash = FileSha256.TryHash(autorun.Executable, computed) ? computed : null;
                hashes[autorun.Executable] = hash;
            }

            if (hash is not null)
            {
                reply.FieldHex(FieldNames.Hash, hash);
            }
        });
    }
}

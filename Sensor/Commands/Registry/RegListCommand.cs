using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Inventory;
using Sensor.Platform.Registry;

namespace Sensor.Commands.Registry;

/// <summary>The subkeys and values of a Windows registry key.</summary>
[Command("reg_list", 57, ReplyEvent = "REGISTRY_LIST_REP", Platforms = OsFamily.Windows,
    Description = "List the keys and values in a Windows registry key.")]
public sealed partial class RegListCommand
{
    /// <summary>Longer paths are refused before anything is opened (the registry's own limit is 255 per key name).</summary>
    public const int MaxPathLength = 4096;

    [Positional("reg", Help = "registry path to list, must start with one of \"hkcr\", \"hkcc\", \"hkcu\", \"hklm\", \"hku\", e.g. \"hklm\\software\"...")]
    public string Reg { get; set; } = "";

    public static void Execute(RegListCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        if (arguments.Reg.Length == 0 || arguments.Reg.Length > MaxPathLength || arguments.Reg.Contains('\0', StringComparison.Ordinal))
        {
            reply.Begin("REGISTRY_LIST_REP");
            reply.End(ErrorCodes.InvalidParameter, $"reg must be a registry path of 1 to {MaxPathLength} characters");
            return;
        }

        var subkeys = new List<string>();
        var values = new List<RegistryValueEntry>();
        InventoryResult result = Os.ListRegistryKey(arguments.Reg, subkeys, values);
        reply.Begin("REGISTRY_LIST_REP");
        reply.Field(FieldNames.Root, arguments.Reg);
        if (result.Error != 0)
        {
            reply.End(result.Error, result.Message);
            return;
        }

        reply.BeginArray(FieldNames.RegistryKey);
        foreach (string subkey in subkeys)
        {
            reply.Item(subkey);
        }

        reply.EndArray();
        reply.BeginArray(FieldNames.RegistryValue);
        foreach (RegistryValueEntry value in values)
        {
            reply.BeginMapItem();
            reply.Field(FieldNames.Name, value.Name);
            reply.Field(FieldNames.Type, (long)value.Type);
            reply.EndMap();
        }

        reply.EndArray();
        if (result.ErrorCount > 0)
        {
            reply.Field(FieldNames.ErrorCount, (long)result.ErrorCount);
        }

        reply.End(ErrorCodes.Success);
    }
}

using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Inventory;

namespace Sensor.Commands.Inventory;

/// <summary>Loaded kernel drivers (Windows); on Linux the loaded kernel modules (see docs/commands.md).</summary>
[Command("os_drivers", 31, ReplyEvent = "OS_DRIVERS_REP", Platforms = OsFamily.Windows | OsFamily.Linux,
    Description = "List all drivers on Windows; loaded kernel modules on Linux.")]
public sealed partial class OsDriversCommand
{
    public static void Execute(OsDriversCommand arguments, CommandContext context)
    {
        _ = arguments;
        var drivers = new List<ServiceEntry>(256);
        InventoryResult result = Os.ListDrivers(drivers);
        InventoryReply.Send(context, "OS_DRIVERS_REP", result, FieldNames.Svcs, drivers, ServiceFields.Write);
    }
}

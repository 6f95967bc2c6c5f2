using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Inventory;

namespace Sensor.Commands.Inventory;

/// <summary>Services: systemd units read from their files (no systemctl), SysV init scripts.</summary>
[Command("os_services", 36, ReplyEvent = "OS_SERVICES_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "List all services (Windows, launchctl on MacOS and initd on Linux).")]
public sealed partial class OsServicesCommand
{
    public static void Execute(OsServicesCommand arguments, CommandContext context)
    {
        _ = arguments;
        var services = new List<ServiceEntry>(256);
        InventoryResult result = Os.ListServices(services);
        InventoryReply.Send(context, "OS_SERVICES_REP", result, FieldNames.Svcs, services, ServiceFields.Write);
    }
}

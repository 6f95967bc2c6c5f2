using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Inventory;

namespace Sensor.Commands.Inventory;

/// <summary>Installed packages: dpkg's status database on Linux (see docs/commands.md).</summary>
[Command("os_packages", 33, ReplyEvent = "OS_PACKAGES_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.Chrome | OsFamily.Edge,
    Description = "List installed software packages.")]
public sealed partial class OsPackagesCommand
{
    public static void Execute(OsPackagesCommand arguments, CommandContext context)
    {
        _ = arguments;
        var packages = new List<PackageEntry>(1024);
        InventoryResult result = Os.ListPackages(packages);
        InventoryReply.Send(context, "OS_PACKAGES_REP", result, FieldNames.Packages, packages, static (reply, package) =>
        {
            reply.Field(FieldNames.PackageName, package.Name);
            reply.Field(FieldNames.PackageVersion, package.Version);
            reply.Field(FieldNames.Architecture, package.Architecture);
        });
    }
}

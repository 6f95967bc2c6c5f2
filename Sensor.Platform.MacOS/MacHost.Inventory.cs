using Sensor.Platform.Inventory;

namespace Sensor.Platform.MacOS;

public sealed partial class MacHost : IInventoryHost
{
    // Not written yet for macOS (launchd plists, Directory Services): ERROR 50 with a message until they are.
    public static InventoryResult ListPackages(List<PackageEntry> packages) => InventoryResult.NotSupported("os_packages");

    public static InventoryResult ListUsers(List<UserEntry> users) => InventoryResult.NotSupported("os_users");

    public static InventoryResult ListServices(List<ServiceEntry> services) => InventoryResult.NotSupported("os_services");

    public static InventoryResult ListAutoruns(List<AutorunEntry> autoruns) => InventoryResult.NotSupported("os_autoruns");

    public static InventoryResult ListDrivers(List<ServiceEntry> drivers) => InventoryResult.NotSupported("os_drivers");
}

namespace Sensor.Platform.Inventory;

/// <summary>What is installed and configured on the host: packages, accounts, services, autoruns, drivers.</summary>
public interface IInventoryHost
{
    static abstract InventoryResult ListPackages(List<PackageEntry> packages);

    static abstract InventoryResult ListUsers(List<UserEntry> users);

    static abstract InventoryResult ListServices(List<ServiceEntry> services);

    static abstract InventoryResult ListAutoruns(List<AutorunEntry> autoruns);

    /// <summary>Kernel drivers (Windows) or loaded kernel modules (Linux), in the services' shape.</summary>
    static abstract InventoryResult ListDrivers(List<ServiceEntry> drivers);
}

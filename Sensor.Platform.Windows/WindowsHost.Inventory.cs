using System.Runtime.InteropServices;
using Sensor.Platform.Inventory;

namespace Sensor.Platform.Windows;

public sealed partial class WindowsHost : IInventoryHost
{
    // Not written yet for Windows (registry uninstall keys, NetUserEnum, the service control manager, Run keys):
    // they answer ERROR 50 with a message until they are.
    public static InventoryResult ListPackages(List<PackageEntry> packages) => InventoryResult.NotSupported("os_packages");

    public static InventoryResult ListUsers(List<UserEntry> users) => InventoryResult.NotSupported("os_users");

    public static InventoryResult ListServices(List<ServiceEntry> services) => InventoryResult.NotSupported("os_services");

    public static InventoryResult ListAutoruns(List<AutorunEntry> autoruns) => InventoryResult.NotSupported("os_autoruns");

    /// <summary>Loaded kernel drivers from EnumDeviceDrivers, each with its base name and file.</summary>
    public static unsafe InventoryResult ListDrivers(List<ServiceEntry> drivers)
    {
        nint[] bases = new nint[1024];
        uint needed;
        while (true)
        {
            fixed (nint* pointer = bases)
            {
                if (!Interop.Psapi.EnumDeviceDrivers(pointer, (uint)(bases.Length * nint.Size), out needed))
                {
                    int error = Marshal.GetLastPInvokeError();
                    return new InventoryResult(Win32Error.ToErrorCode((uint)error), "EnumDeviceDrivers failed: error " + error, 0);
                }
            }

            if (needed <= bases.Length * nint.Size)
            {
                break;
            }

            bases = new nint[(needed / nint.Size) + 64];
        }

        char* text = stackalloc char[1024];
        int count = (int)(needed / nint.Size);
        for (int i = 0; i < count; i++)
        {
            uint nameLength = Interop.Psapi.GetDeviceDriverBaseName(bases[i], text, 1024);
            string name = new(text, 0, (int)nameLength);
            uint fileLength = Interop.Psapi.GetDeviceDriverFileName(bases[i], text, 1024);
            string file = new(text, 0, (int)fileLength);
            drivers.Add(new ServiceEntry(name, name, "kernel driver", 4, "", 0, file, file));
        }

        return new InventoryResult(0, null, 0);
    }
}

using Sensor.Platform.Handles;
using Sensor.Platform.Inventory;
using Sensor.Platform.Registry;

namespace Sensor.Platform.MacOS;

/// <summary>Windows concepts with no counterpart here: the commands answer ERROR 50 (their Platforms say so too).</summary>
public sealed partial class MacHost : IRegistryHost, IHandleHost
{
    public static InventoryResult ListRegistryKey(string path, List<string> subkeys, List<RegistryValueEntry> values) =>
        InventoryResult.NotSupported("the registry (reg_list)");

    public static InventoryResult ListHandles(int processId, string? nameContains, List<HandleEntry> handles) =>
        InventoryResult.NotSupported("kernel object handles (mem_handles, mem_find_handle)");
}

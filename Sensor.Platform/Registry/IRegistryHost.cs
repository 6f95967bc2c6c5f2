using Sensor.Platform.Inventory;

namespace Sensor.Platform.Registry;

/// <summary>The Windows registry, for reg_list. Other OSes answer ERROR 50.</summary>
public interface IRegistryHost
{
    /// <summary>
    /// Lists the subkeys and values of <paramref name="path"/>, which starts with a root (<c>hklm</c>, <c>hkcu</c>,
    /// <c>hkcr</c>, <c>hkcc</c>, <c>hku</c>) and a backslash.
    /// </summary>
    static abstract InventoryResult ListRegistryKey(string path, List<string> subkeys, List<RegistryValueEntry> values);
}

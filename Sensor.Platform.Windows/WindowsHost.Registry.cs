using Sensor.Platform.Inventory;
using Sensor.Platform.Registry;

namespace Sensor.Platform.Windows;

public sealed partial class WindowsHost : IRegistryHost
{
    private const uint KeyRead = 0x20019;
    private const int ErrorNoMoreItems = 259;
    private const int ErrorMoreData = 234;

    public static unsafe InventoryResult ListRegistryKey(string path, List<string> subkeys, List<RegistryValueEntry> values)
    {
        int slash = path.IndexOf('\\');
        string root = (slash < 0 ? path : path[..slash]).ToLowerInvariant();
        string subKey = slash < 0 ? "" : path[(slash + 1)..].Trim('\\');
        nint rootKey = root switch
        {
            "hkcr" => unchecked((nint)0x80000000),
            "hkcu" => unchecked((nint)0x80000001),
            "hklm" => unchecked((nint)0x80000002),
            "hku" => unchecked((nint)0x80000003),
            "hkcc" => unchecked((nint)0x80000005),
            _ => 0,
        };
        if (rootKey == 0)
        {
            return new InventoryResult(ErrorCodes.InvalidParameter, "the path must start with hkcr, hkcc, hkcu, hklm or hku", 0);
        }

        int error = Interop.Advapi32.RegOpenKeyEx(rootKey, subKey, 0, KeyRead, out nint key);
        if (error != 0)
        {
            return new InventoryResult(Win32Error.ToErrorCode((uint)error), $"opening {path} failed: error {error}", 0);
        }

        try
        {
            // Key names are at most 255 characters, value names 16,383 (registry element size limits).
            char* name = stackalloc char[16384];
            int errors = 0;
            for (uint index = 0; ; index++)
            {
                uint length = 256;
                error = Interop.Advapi32.RegEnumKeyEx(key, index, name, ref length, 0, 0, 0, 0);
                if (error == ErrorNoMoreItems)
                {
                    break;
                }

                if (error != 0)
                {
                    errors++;
                    continue;
                }

                subkeys.Add(new string(name, 0, (int)length));
            }

            for (uint index = 0; ; index++)
            {
                uint length = 16384;
                error = Interop.Advapi32.RegEnumValue(key, index, name, ref length, 0, out uint type, 0, 0);
                if (error == ErrorNoMoreItems)
                {
                    break;
                }

                if (error != 0 && error != ErrorMoreData)
                {
                    errors++;
                    continue;
                }

                values.Add(new RegistryValueEntry(new string(name, 0, (int)length), (int)type));
            }

            return new InventoryResult(0, null, errors);
        }
        finally
        {
            Interop.Advapi32.RegCloseKey(key);
        }
    }
}

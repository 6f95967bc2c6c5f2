using System.Text;
using Sensor.Platform.Inventory;

namespace Sensor.Platform.MacOS;

public sealed partial class MacHost : IOsVersionHost
{
    public static OsVersionInfo GetOsVersion() => new(
        "macOS",
        Sysctl("kern.osproductversion"),
        Sysctl("kern.osrelease"),
        Sysctl("hw.machine"),
        Sysctl("kern.osversion"));

    private static unsafe string Sysctl(string name)
    {
        byte* value = stackalloc byte[256];
        nuint length = 256;
        if (Interop.Libc.SysctlByName(name, value, &length, null, 0) != 0 || length == 0)
        {
            return "";
        }

        var text = new ReadOnlySpan<byte>(value, (int)Math.Min(length, 256));
        int end = text.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? text : text[..end]);
    }
}

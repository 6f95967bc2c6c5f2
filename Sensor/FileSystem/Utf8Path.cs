using System.Text;

namespace Sensor.FileSystem;

/// <summary>Paths from task arguments (UTF-16 strings) as the UTF-8 bytes the platform layer takes.</summary>
public static class Utf8Path
{
    public static byte[] From(string path) => Encoding.UTF8.GetBytes(path);
}

namespace Sensor.Platform.Inventory;

/// <summary>What os_version reports. Any field the OS does not give is empty.</summary>
/// <param name="OsName">The distribution or product (<c>Debian GNU/Linux</c>, <c>Windows</c>, <c>macOS</c>).</param>
/// <param name="VersionString">Its version as people write it (<c>12 (bookworm)</c>, <c>10.0.19045</c>, <c>14.4</c>).</param>
/// <param name="KernelVersion">The kernel release (<c>6.1.0-27-amd64</c>, <c>10.0.19045</c>, <c>23.4.0</c>).</param>
/// <param name="Architecture">The machine (<c>x86_64</c>, <c>aarch64</c>, <c>AMD64</c>, <c>arm64</c>).</param>
/// <param name="BuildNumber">The OS build: uname's version on Linux, the build number on Windows, kern.osversion on macOS.</param>
public sealed record OsVersionInfo(string OsName, string VersionString, string KernelVersion, string Architecture, string BuildNumber);

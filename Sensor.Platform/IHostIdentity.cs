namespace Sensor.Platform;

/// <summary>Which OS and CPU a host is, as the routing envelope and the command table need it.</summary>
public interface IHostIdentity
{
    /// <summary>The reference table's column for this OS.</summary>
    static abstract OsFamily Family { get; }

    /// <summary>The routing <c>plat</c> value: 0x10000000 Windows, 0x20000000 Linux, 0x30000000 macOS.</summary>
    static abstract int PlatformCode { get; }
}

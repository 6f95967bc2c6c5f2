namespace Sensor.Platform;

/// <summary>The kind of a directory entry, as far as the OS tells it without following links.</summary>
public enum DirectoryEntryKind : byte
{
    /// <summary>The directory listing did not say (DT_UNKNOWN); a stat tells.</summary>
    Unknown = 0,
    File = 1,
    Directory = 2,
    SymbolicLink = 3,

    /// <summary>FIFOs, sockets, devices: never opened for content.</summary>
    Other = 4,
}

namespace Sensor.Platform;

/// <summary>Receives the entries of one directory; a struct so the host's loop calls it without virtual dispatch.</summary>
public interface IDirectoryEntryVisitor
{
    /// <summary>Handles one entry; returns false to stop reading the directory.</summary>
    bool OnEntry(in DirectoryEntry entry);
}

using Sensor.Platform;

namespace Sensor.FileSystem;

/// <summary>Receives the entries a <see cref="DirectoryWalker"/> finds whose name matches its expression.</summary>
public interface IWalkVisitor
{
    /// <summary>Handles one matching entry; <paramref name="path"/> is only valid during the call. False stops the walk.</summary>
    bool OnMatch(ReadOnlySpan<byte> path, in DirectoryEntry entry);
}

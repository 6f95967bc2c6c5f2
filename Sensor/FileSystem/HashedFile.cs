using Sensor.Platform;

namespace Sensor.FileSystem;

/// <summary>The result of hashing one file of a walk.</summary>
public sealed record HashedFile(byte[] Path, int Error, FileStatus Status, byte[] Hash);

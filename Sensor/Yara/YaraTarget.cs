namespace Sensor.Yara;

/// <summary>One thing to scan: a process (its pid) or a file (its UTF-8 path).</summary>
public readonly record struct YaraTarget(int ProcessId, byte[]? FilePath)
{
    public static YaraTarget Process(int processId) => new(processId, null);

    public static YaraTarget File(byte[] path) => new(0, path);

    public bool IsFile => FilePath is not null;
}

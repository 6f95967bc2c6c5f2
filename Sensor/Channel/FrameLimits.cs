namespace Sensor.Channel;

/// <summary>The caps every frame is checked against before anything is allocated for it.</summary>
public sealed record FrameLimits
{
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    public static FrameLimits Default { get; } = new();

    /// <summary>The largest body (the bytes after the flags byte) accepted on the wire.</summary>
    public int MaxWireBytes { get; init; } = DefaultMaxBytes;

    /// <summary>The largest decoded length a compressed body may declare.</summary>
    public int MaxDecodedBytes { get; init; } = DefaultMaxBytes;

    /// <summary>The deepest MessagePack nesting a message may have.</summary>
    public int MaxDepth { get; init; } = 16;
}

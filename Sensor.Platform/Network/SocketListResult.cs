namespace Sensor.Platform.Network;

/// <summary>How a socket listing went: an <c>ERROR</c> code with its message, and what could not be attributed.</summary>
/// <param name="Error">0, or the reply error code (the whole listing failed).</param>
/// <param name="Message">Why, when <paramref name="Error"/> is not 0.</param>
/// <param name="UnreadableProcesses">Processes whose descriptors could not be read (not those that exited mid-walk).</param>
public readonly record struct SocketListResult(int Error, string? Message, int UnreadableProcesses);

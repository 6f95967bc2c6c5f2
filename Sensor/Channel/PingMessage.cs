namespace Sensor.Channel;

/// <summary>An application-level keep-alive; the receiver answers with the same nonce and <see cref="IsReply"/> set.</summary>
public readonly record struct PingMessage(ulong Nonce, bool IsReply);

namespace Sensor.Channel;

/// <summary>The server's TLS identity was refused; nothing was read from the connection.</summary>
public sealed class PinningException(string message, Exception? inner = null) : Exception(message, inner);

namespace Sensor.Platform.Network;

/// <summary>The Windows MIB_TCP_STATE values netstat's <c>STATE</c> uses on every OS.</summary>
public static class TcpState
{
    public const byte Closed = 1;
    public const byte Listen = 2;
    public const byte SynSent = 3;
    public const byte SynReceived = 4;
    public const byte Established = 5;
    public const byte FinWait1 = 6;
    public const byte FinWait2 = 7;
    public const byte CloseWait = 8;
    public const byte Closing = 9;
    public const byte LastAck = 10;
    public const byte TimeWait = 11;
    public const byte DeleteTcb = 12;
}

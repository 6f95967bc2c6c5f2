namespace Sensor.Agent;

/// <summary>
/// The server's clock against ours, from the time the server puts in each welcome: <c>get_debug_data</c>'s
/// <c>TIMEDELTA</c> (server minus sensor, ms). Zero until a server has welcomed this process. The welcome's transit
/// time (half a round trip on loopback or a LAN, well under the clock skews worth reporting) is not subtracted.
/// </summary>
public static class ServerClock
{
    private static long s_deltaMs;

    public static long DeltaMs => Volatile.Read(ref s_deltaMs);

    public static void Record(long serverTimeMs, long localTimeMs) => Volatile.Write(ref s_deltaMs, serverTimeMs - localTimeMs);
}

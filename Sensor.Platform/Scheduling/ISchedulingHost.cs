namespace Sensor.Platform;

/// <summary>The CPU share of the sensor's own threads (set_performance_mode).</summary>
public interface ISchedulingHost
{
    /// <summary>
    /// Moves the calling thread to the background scheduling class (Linux nice 10, Windows background mode,
    /// macOS darwin background) or back to normal. Returns the reply error code; the thread keeps running either way.
    /// </summary>
    static abstract int SetCurrentThreadBackground(bool background);
}

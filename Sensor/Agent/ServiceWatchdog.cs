using System.Globalization;

namespace Sensor.Agent;

/// <summary>
/// systemd's software watchdog (<c>WatchdogSec=</c>): systemd sets <c>WATCHDOG_USEC</c> (and <c>WATCHDOG_PID</c>) and
/// restarts the service when no <c>WATCHDOG=1</c> arrives within that time. The agent calls <see cref="Beat"/> from
/// its work loop (each connect attempt, each backoff slice, each ping), never from a timer of its own: a timer would
/// keep pinging for an agent whose loop is stuck, which is exactly the case the watchdog exists for.
/// </summary>
public sealed class ServiceWatchdog
{
    private readonly Action<string> _notify;
    private long _beats;

    public ServiceWatchdog(TimeSpan timeout, Action<string> notify)
    {
        Timeout = timeout;
        _notify = notify;
    }

    /// <summary>No watchdog: <see cref="Beat"/> does nothing and waits are not sliced.</summary>
    public static ServiceWatchdog Disabled { get; } = new(TimeSpan.Zero, _ => { });

    /// <summary>How long systemd waits for a beat; zero when there is no watchdog.</summary>
    public TimeSpan Timeout { get; }

    public bool Enabled => Timeout > TimeSpan.Zero;

    /// <summary>The longest the work loop may go between beats: a third of the timeout, so one late beat is survivable.</summary>
    public TimeSpan BeatInterval => Enabled ? Timeout / 3 : System.Threading.Timeout.InfiniteTimeSpan;

    public long Beats => Interlocked.Read(ref _beats);

    /// <summary>The watchdog systemd asked for in this process's environment, or <see cref="Disabled"/>.</summary>
    public static ServiceWatchdog FromEnvironment() =>
        TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"), Environment.ProcessId, out TimeSpan timeout)
            ? new ServiceWatchdog(timeout, state => SystemdNotifier.Notify(state))
            : Disabled;

    /// <summary>
    /// Reads the variables as sd_watchdog_enabled does: a positive number of microseconds, and when
    /// <c>WATCHDOG_PID</c> is set it must be this process (a child that inherited the variables must not answer).
    /// </summary>
    public static bool TryParse(string? usec, string? pid, int selfPid, out TimeSpan timeout)
    {
        timeout = TimeSpan.Zero;
        if (!ulong.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out ulong micro) || micro == 0 || micro > (ulong)TimeSpan.MaxValue.Ticks / 10)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(pid) && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out int owner) || owner != selfPid))
        {
            return false;
        }

        timeout = TimeSpan.FromMicroseconds(micro);
        return true;
    }

    /// <summary>Tells systemd the work loop is alive. Call only from the loop itself, after a step completed.</summary>
    public void Beat()
    {
        if (!Enabled)
        {
            return;
        }

        Interlocked.Increment(ref _beats);
        _notify("WATCHDOG=1");
    }

    /// <summary>
    /// Waits <paramref name="delay"/> in slices no longer than <see cref="BeatInterval"/>, beating after each: a long
    /// reconnect backoff is the loop working as intended, not a stuck loop.
    /// </summary>
    public async Task DelayAsync(TimeSpan delay, CancellationToken cancellation)
    {
        TimeSpan left = delay;
        while (left > TimeSpan.Zero)
        {
            TimeSpan slice = Enabled && left > BeatInterval ? BeatInterval : left;
            await Task.Delay(slice, cancellation).ConfigureAwait(false);
            left -= slice;
            Beat();
        }
    }
}

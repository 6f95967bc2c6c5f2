namespace Sensor.Platform;

/// <summary>
/// The machine-wide operations behind <c>shutdown</c>, <c>reboot</c> and <c>logoff</c>. They act at once, without a
/// warning to users and without a delay, as the reference describes; the command layer reaches them through an
/// injectable seam (<c>IPowerControl</c>) so that tests prove the call without rebooting the test machine.
/// </summary>
public interface IPowerHost
{
    /// <summary>
    /// Flushes the file systems and powers the machine off or reboots it. Returns only when the OS refused
    /// (privilege missing, call unavailable): the reply error code, with <paramref name="message"/> saying why.
    /// </summary>
    static abstract int PowerOff(PowerAction action, out string message);

    /// <summary>
    /// Ends the sessions of every logged-in (non-system) user. <paramref name="sessionsEnded"/> counts the users or
    /// sessions ended; <paramref name="message"/> names what failed when the result is not success.
    /// </summary>
    static abstract int LogOffAllUsers(out int sessionsEnded, out string message);
}

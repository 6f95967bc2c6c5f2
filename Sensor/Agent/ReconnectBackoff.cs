namespace Sensor.Agent;

/// <summary>
/// Exponential backoff with full jitter: the n-th consecutive failure waits a uniformly random time in
/// [0, min(max, min·2ⁿ)], so a fleet that lost its server does not come back in lock step.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan min, TimeSpan max, Random random)
{
    private int _failures;

    public int Failures => _failures;

    /// <summary>The ceiling of the next delay (before jitter).</summary>
    public TimeSpan Ceiling => TimeSpan.FromTicks((long)Math.Min(max.Ticks, min.Ticks * Math.Pow(2, Math.Min(_failures, 40))));

    public TimeSpan NextDelay()
    {
        TimeSpan ceiling = Ceiling;
        _failures++;
        return TimeSpan.FromTicks((long)(random.NextDouble() * ceiling.Ticks));
    }

    /// <summary>The longest wait at once: after the server refused the credential, retrying fast is useless.</summary>
    public TimeSpan MaxDelay() => TimeSpan.FromTicks((long)(random.NextDouble() * max.Ticks));

    public void Reset() => _failures = 0;
}

namespace Sensor.Scanning;

/// <summary>Receives the strings <see cref="StringRunExtractor{T}"/> finds.</summary>
public interface IStringRunSink
{
    /// <summary>
    /// One string: its address, its text as ASCII bytes (at most <see cref="StringRunExtractor{T}.MaxCharacters"/>;
    /// longer runs are cut there) and whether it was UTF-16LE in memory. False stops the extraction (output cap).
    /// </summary>
    bool OnString(ulong address, ReadOnlySpan<byte> ascii, bool wide);
}

namespace Sensor.Scanning;

/// <summary>Receives the strings <see cref="StringRunScanner"/> finds.</summary>
public interface IStringRunSink
{
    /// <summary>
    /// One string: its address, its text as ASCII bytes (at most <see cref="StringRunScanner.MaxCharacters"/>;
    /// longer runs are cut there) and whether it was UTF-16LE in memory. False stops the extraction (output cap).
    /// </summary>
    bool OnString(ulong address, ReadOnlySpan<byte> ascii, bool wide);

    /// <summary>
    /// The strings one block closed, in order (see <see cref="StringRunBatch"/>). The default hands them to
    /// <see cref="OnString"/> one by one; a sink that writes many strings overrides it to do the work once a block.
    /// False stops the extraction; no string after the refused one is delivered.
    /// </summary>
    bool OnStrings(in StringRunBatch batch)
    {
        for (int i = 0; i < batch.AsciiCount; i++)
        {
            if (!OnString(batch.AsciiAddress(i), batch.AsciiText(i), wide: false))
            {
                return false;
            }
        }

        for (int i = 0; i < batch.WideCount; i++)
        {
            if (!OnString(batch.WideAddress(i), batch.WideText(i), wide: true))
            {
                return false;
            }
        }

        return true;
    }
}

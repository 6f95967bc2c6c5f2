namespace Sensor.Scanning;

/// <summary>
/// mem_strings' engine: reads every block of a process and hands each block's strings (ASCII, and UTF-16LE at even
/// and odd addresses) to the sink. The reader overlaps chunks by one byte so a UTF-16 unit split across two chunks is
/// seen whole.
/// </summary>
/// <remarks>
/// With more than one CPU the reads run on a second thread a few blocks ahead (<see cref="ReadAhead"/>): copying
/// memory out of the target (the kernel's part) and finding and writing strings then overlap. The blocks, their
/// order and so the reply are the same as with one thread.
/// </remarks>
public sealed partial class MemoryStringCollector
{
    private readonly IStringRunSink _sink;
    private readonly StringRunScanner _scanner;
    private bool _stopped;

    public MemoryStringCollector(IStringRunSink sink, MemoryBlockReader? reader = null, StringRunScanner? scanner = null)
    {
        _sink = sink;
        _scanner = scanner ?? StringRunScanner.Create();
        Reader = reader ?? new MemoryBlockReader();
    }

    public MemoryBlockReader Reader { get; }

    /// <summary>False once the sink refused a string (the output cap).</summary>
    public bool Active => !_stopped;

    /// <summary>Read blocks on a second thread (the default when there is more than one CPU).</summary>
    public bool UseReadAhead { get; init; } = Environment.ProcessorCount > 1;

    /// <summary>
    /// Regions skipped (unmapped or unreadable during the scan) up to the last block the strings came from; blocks
    /// read ahead past the output cap do not count, so the figure is the same with and without read-ahead.
    /// </summary>
    public int RegionsSkipped { get; private set; }

    public ScanStopReason CollectProcess(int processId, MemoryScanOptions options, CancellationToken cancellation = default)
    {
        _scanner.Reset();
        _stopped = false;
        RegionsSkipped = 0;
        if (Reader.Begin(processId, options, overlap: 1, cancellation) != 0)
        {
            return Reader.StopReason;
        }

        if (UseReadAhead)
        {
            using var ahead = new ReadAhead(Reader, options.ChunkSize + MemoryBlockReader.MaxOverlap);
            while (ahead.Next(out ulong address, out ReadOnlySpan<byte> bytes, out int skipped))
            {
                Feed(address, bytes);
                RegionsSkipped = skipped;
                if (_stopped)
                {
                    ahead.Stop();
                    Reader.StopEarly(ScanStopReason.HitCap);
                    return Reader.StopReason;
                }
            }

            ahead.Stop();
        }
        else
        {
            while (Reader.ReadNext(out MemoryBlock block))
            {
                Feed(block.Address, block.Bytes);
                RegionsSkipped = Reader.RegionsSkipped;
                if (_stopped)
                {
                    Reader.StopEarly(ScanStopReason.HitCap);
                    return Reader.StopReason;
                }
            }
        }

        RegionsSkipped = Reader.RegionsSkipped;
        Flush();
        return _stopped ? ScanStopReason.HitCap : Reader.StopReason;
    }

    /// <summary>Feeds one block (used directly by tests and benchmarks on in-process buffers).</summary>
    public void Feed(ulong address, ReadOnlySpan<byte> bytes)
    {
        if (!_stopped)
        {
            Deliver(_scanner.Scan(address, bytes));
        }
    }

    /// <summary>Closes the open runs (end of the scan) and delivers those long enough.</summary>
    public void Flush()
    {
        if (!_stopped)
        {
            Deliver(_scanner.Flush());
        }
    }

    private void Deliver(in StringRunBatch batch)
    {
        if (!batch.IsEmpty && !_sink.OnStrings(batch))
        {
            _stopped = true;
        }
    }
}

namespace Sensor.Yara;

/// <summary>Totals of a scan run, updated by its worker threads.</summary>
public sealed class YaraScanCounts
{
    public int Scanned;
    public int Skipped;
    public int Failed;
    public int Detections;
    public int Timeouts;
    public int ByteBudgetHits;
    public int HitCapHits;
    public int TooLarge;
    public int TooManyMatches;
    public int Exited;

    /// <summary>One text per limit that stopped part of the scan, for LIMITS_REACHED.</summary>
    public List<string> LimitTexts(YaraScanLimits limits, bool filesTruncated)
    {
        var texts = new List<string>();
        if (Timeouts > 0)
        {
            texts.Add($"{Timeouts} target(s) stopped at the {limits.TimeoutSeconds} s timeout");
        }

        if (ByteBudgetHits > 0)
        {
            texts.Add($"{ByteBudgetHits} process(es) stopped at the byte budget of {limits.ByteBudgetPerProcess} bytes");
        }

        if (HitCapHits > 0)
        {
            texts.Add($"{HitCapHits} target(s) stopped at {limits.MaxHitsPerTarget} matching rules");
        }

        if (TooLarge > 0)
        {
            texts.Add($"{TooLarge} file(s) skipped over the size cap of {limits.MaxFileSize} bytes");
        }

        if (TooManyMatches > 0)
        {
            texts.Add($"{TooManyMatches} target(s) had more string matches than libyara keeps");
        }

        if (filesTruncated)
        {
            texts.Add($"the directory walk stopped at {limits.MaxFiles} files");
        }

        return texts;
    }
}

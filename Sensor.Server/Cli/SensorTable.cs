using System.Globalization;
using System.Text;
using Sensor.Server.Registry;

namespace Sensor.Server.Cli;

/// <summary>The registry as a table for people: one sensor a line, columns aligned, times relative to now.</summary>
public static class SensorTable
{
    public static string Render(IReadOnlyList<SensorInfo> sensors, DateTimeOffset now)
    {
        var rows = new List<string[]> { new[] { "SID", "HOSTNAME", "PLATFORM", "VERSION", "STATE", "LAST SEEN", "FIRST SEEN" } };
        foreach (SensorInfo s in sensors)
        {
            rows.Add([s.Sid, s.Hostname, s.Platform, s.Version,
                s.Revoked ? "revoked" : s.Connected ? "connected" : "offline", Ago(s.LastSeenMs, now), Ago(s.FirstSeenMs, now)]);
        }

        int[] widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (string[] row in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                text.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Ago(long ms, DateTimeOffset now)
    {
        if (ms <= 0)
        {
            return "never";
        }

        TimeSpan age = now - DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return age.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalSeconds)}s ago")
            : age.TotalMinutes < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes}m ago")
            : age.TotalHours < 48 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours}h ago")
            : DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}

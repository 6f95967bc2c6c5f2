using Sensor.Platform.Inventory;

namespace Sensor.Platform.Linux.Inventory;

/// <summary>
/// Reads dpkg's status database (<c>/var/lib/dpkg/status</c>): RFC 822-style paragraphs, one a package, separated by
/// blank lines. A package is reported when its <c>Status:</c> is <c>... installed</c> (dpkg-query's <c>ii</c>, and
/// the held <c>hi</c>); removed packages whose configuration files remain (<c>rc</c>) are not installed software.
/// </summary>
public static class DpkgStatusParser
{
    public static void Parse(ReadOnlySpan<byte> status, List<PackageEntry> packages)
    {
        ReadOnlySpan<byte> name = default, version = default, architecture = default, state = default;
        foreach (Range range in status.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = status[range];
            if (line.IsEmpty || line.SequenceEqual("\r"u8))
            {
                Emit(packages, name, version, architecture, state);
                name = version = architecture = state = default;
                continue;
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                continue; // a continuation of a multi-line field (Description, Conffiles)
            }

            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            ReadOnlySpan<byte> key = line[..colon];
            ReadOnlySpan<byte> value = line[(colon + 1)..].Trim(" \t\r"u8);
            if (key.SequenceEqual("Package"u8))
            {
                name = value;
            }
            else if (key.SequenceEqual("Version"u8))
            {
                version = value;
            }
            else if (key.SequenceEqual("Architecture"u8))
            {
                architecture = value;
            }
            else if (key.SequenceEqual("Status"u8))
            {
                state = value;
            }
        }

        Emit(packages, name, version, architecture, state);
    }

    private static void Emit(List<PackageEntry> packages, ReadOnlySpan<byte> name, ReadOnlySpan<byte> version,
        ReadOnlySpan<byte> architecture, ReadOnlySpan<byte> state)
    {
        // Status: want flag status, e.g. "install ok installed"; the last word is the package's state.
        if (name.IsEmpty || !state.EndsWith(" installed"u8))
        {
            return;
        }

        packages.Add(new PackageEntry(TextLines.Utf8(name), TextLines.Utf8(version), TextLines.Utf8(architecture), "dpkg"));
    }
}

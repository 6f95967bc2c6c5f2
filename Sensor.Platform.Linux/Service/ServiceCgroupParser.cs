namespace Sensor.Platform.Linux;

/// <summary>
/// Reads <c>/proc/self/cgroup</c> to tell whether this process runs inside a systemd unit's control group, for
/// instance <c>0::/system.slice/sensor.service</c> (cgroup v2) or <c>1:name=systemd:/system.slice/sensor.service</c>
/// (v1). Stopping that unit kills every process in the group, which is why <c>sensor uninstall</c> started by the
/// agent itself must move out first.
/// </summary>
public static class ServiceCgroupParser
{
    /// <summary>Whether any hierarchy places the process in <paramref name="unit"/> or a group below it.</summary>
    public static bool IsInsideUnit(ReadOnlySpan<byte> procCgroup, ReadOnlySpan<byte> unit)
    {
        foreach (Range range in procCgroup.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = procCgroup[range];
            // hierarchy-id:controllers:path; the path itself may contain ':'.
            int first = line.IndexOf((byte)':');
            if (first < 0)
            {
                continue;
            }

            int second = line[(first + 1)..].IndexOf((byte)':');
            if (second < 0)
            {
                continue;
            }

            ReadOnlySpan<byte> controllers = line.Slice(first + 1, second);
            // v1 controller hierarchies (cpu, memory ...) are not where systemd tracks units.
            if (controllers.Length != 0 && !controllers.SequenceEqual("name=systemd"u8))
            {
                continue;
            }

            ReadOnlySpan<byte> path = line[(first + second + 2)..];
            foreach (Range component in path.Split((byte)'/'))
            {
                if (path[component].SequenceEqual(unit))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

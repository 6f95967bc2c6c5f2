using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>Atoms of live processes: derived from the boot id, pid and start time (<see cref="ProcessAtom"/>).</summary>
public static class ProcessAtoms
{
    /// <summary>The atom of <paramref name="entry"/>, whose <see cref="ProcessEntry.StartTime"/> is filled.</summary>
    public static void Of(ProcessEntry entry, Span<byte> atom) => ProcessAtom.Compute(Os.BootId, entry.ProcessId, entry.StartTime, atom);

    /// <summary>The atom of a live process; false when it is gone.</summary>
    public static bool TryGet(int processId, Span<byte> atom)
    {
        var entry = new ProcessEntry();
        if (Os.GetProcess(processId, entry, withCommandLine: false) != ErrorCodes.Success)
        {
            return false;
        }

        Of(entry, atom);
        return true;
    }

    /// <summary>Finds the live process with this atom; 0 when none.</summary>
    public static int Resolve(ReadOnlySpan<byte> atom)
    {
        var pids = new List<int>();
        if (Os.ListProcessIds(pids) != ErrorCodes.Success)
        {
            return 0;
        }

        var entry = new ProcessEntry();
        Span<byte> candidate = stackalloc byte[ProcessAtom.Length];
        foreach (int pid in pids)
        {
            if (Os.GetProcess(pid, entry, withCommandLine: false) == ErrorCodes.Success)
            {
                Of(entry, candidate);
                if (candidate.SequenceEqual(atom))
                {
                    return pid;
                }
            }
        }

        return 0;
    }
}

using Sensor.Platform;
using Sensor.Platform.Processes;

namespace Sensor.Commands.Processes;

/// <summary>
/// The process a command names with <c>-p PID</c> or <c>-a PROCESSATOM</c>, resolved and checked once, with its
/// atom and its parent's atom for the reply's routing.
/// </summary>
public sealed class ProcessTarget
{
    private readonly byte[] _atom = new byte[ProcessAtom.Length];
    private readonly byte[] _parentAtom = new byte[ProcessAtom.Length];
    private bool _hasParentAtom;

    public int ProcessId { get; private set; }

    public ProcessEntry Entry { get; } = new();

    public ReadOnlySpan<byte> Atom => _atom;

    public ReadOnlySpan<byte> ParentAtom => _hasParentAtom ? _parentAtom : default;

    /// <summary>
    /// Resolves the target. On failure returns the reply error code and a message; a pid wins over an atom when
    /// both are given. <paramref name="forControl"/> refuses the sensor itself and pid 1 (ERROR 5).
    /// </summary>
    public int Resolve(int? processId, string? atom, bool forControl, out string? message)
    {
        message = null;
        int pid;
        if (processId is { } p)
        {
            if (p <= 0)
            {
                message = $"invalid pid {p}";
                return ErrorCodes.InvalidParameter;
            }

            pid = p;
        }
        else if (atom is not null)
        {
            Span<byte> wanted = stackalloc byte[ProcessAtom.Length];
            if (!ProcessAtom.TryParse(atom, wanted))
            {
                message = "a process atom is 32 hexadecimal characters";
                return ErrorCodes.InvalidParameter;
            }

            pid = ProcessAtoms.Resolve(wanted);
            if (pid == 0)
            {
                message = "no running process has this atom";
                return ErrorCodes.InvalidParameter;
            }
        }
        else
        {
            message = "give the target process with -p PID or -a PROCESSATOM";
            return ErrorCodes.InvalidParameter;
        }

        if (forControl && pid == Os.CurrentProcessId)
        {
            message = "refusing to act on the sensor's own process";
            return ErrorCodes.AccessDenied;
        }

        if (forControl && pid == 1)
        {
            message = "refusing to act on pid 1 (the init process)";
            return ErrorCodes.AccessDenied;
        }

        int error = Os.GetProcess(pid, Entry, withCommandLine: false);
        if (error != ErrorCodes.Success)
        {
            message = error == ErrorCodes.InvalidParameter ? $"no process with pid {pid}" : $"cannot read process {pid}";
            return error;
        }

        ProcessId = pid;
        ProcessAtoms.Of(Entry, _atom);
        _hasParentAtom = Entry.ParentProcessId > 0 && ProcessAtoms.TryGet(Entry.ParentProcessId, _parentAtom);
        return ErrorCodes.Success;
    }
}

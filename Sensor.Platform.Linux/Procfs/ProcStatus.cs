namespace Sensor.Platform.Linux.Procfs;

/// <summary>The fields of <c>/proc/PID/status</c> the sensor uses; -1 where the line is missing.</summary>
public struct ProcStatus
{
    public int ParentProcessId;
    public long RealUserId;
    public long EffectiveUserId;
    public int Threads;
    public long ResidentKilobytes;
}

namespace Sensor.Platform.Processes;

/// <summary>What os_kill_process, os_suspend and os_resume ask of a process or thread.</summary>
public enum ProcessControl
{
    Kill = 1,
    Suspend = 2,
    Resume = 3,
}

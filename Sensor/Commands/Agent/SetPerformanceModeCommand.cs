using Sensor.Platform;

namespace Sensor.Commands.Agent;

/// <summary>
/// Turns the performance mode on or off (<see cref="ScanThrottle"/>): while on, parallel scans (yara_scan targets,
/// dir_find_hash hashing, netstat's descriptor walk, mem_find_string's threads per process) use one thread and task and scan threads run in the background
/// scheduling class (Linux nice 10, Windows background mode, macOS darwin background). Scans already running keep
/// their threads. Not persistent: a restarted process starts with the mode off. Reported by get_debug_data
/// (<c>PERFORMANCE_MODE</c>).
/// </summary>
[Command("set_performance_mode", 46, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Turn on or off the high performance mode on a sensor.")]
public sealed partial class SetPerformanceModeCommand
{
    [Option("--is-enabled", Help = "if specified, the high performance mode is enabled, otherwise disabled")]
    public bool IsEnabled { get; set; }

    public static void Execute(SetPerformanceModeCommand arguments, CommandContext context)
    {
        ScanThrottle.IsEnabled = arguments.IsEnabled;
        SelfManagementReplies.Send(context, ErrorCodes.Success, arguments.IsEnabled
            ? $"performance mode on: parallel scans use {ScanThrottle.ReducedWorkers} thread at background priority"
            : "performance mode off");
    }
}

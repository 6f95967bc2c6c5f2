using System.Diagnostics;
using System.Reflection;
using Sensor.Agent;
using Sensor.Events;
using Sensor.Platform;

namespace Sensor.Commands.Diagnostics;

/// <summary>The sensor's own version, uptime, resource use and outbound-queue loss accounting.</summary>
[Command("get_debug_data", 7, ReplyEvent = "DEBUG_DATA_REP", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Retrieve debug data from the EDR sensor.")]
public sealed partial class GetDebugDataCommand
{
    public static void Execute(GetDebugDataCommand arguments, CommandContext context)
    {
        _ = arguments;
        using Process self = Process.GetCurrentProcess();
        TimeSpan uptime = DateTime.Now - self.StartTime;
        double cpuSeconds = self.TotalProcessorTime.TotalSeconds;
        // Average over the sensor's life, as a share of the whole machine (100 = every core busy).
        long percentCpu = uptime.TotalSeconds <= 0 ? 0
            : (long)Math.Round(100 * cpuSeconds / uptime.TotalSeconds / Environment.ProcessorCount);

        string informational = typeof(GetDebugDataCommand).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        int plus = informational.IndexOf('+');
        string version = plus < 0 ? informational : informational[..plus];
        string git = plus < 0 ? "" : informational[(plus + 1)..];

        EventBuilder reply = context.Reply;
        reply.Begin("DEBUG_DATA_REP");
        reply.Field(FieldNames.PackageVersionString, version);
        reply.Field(FieldNames.PackageVersionGit, git);
        reply.Field(FieldNames.Uptime, (long)uptime.TotalSeconds);
        reply.Field(FieldNames.ProcessId, (long)Environment.ProcessId);
        reply.Field(FieldNames.PercentCpu, percentCpu);
        reply.Field(FieldNames.MemoryUsage, Environment.WorkingSet);
        reply.Field(FieldNames.Timedelta, ServerClock.DeltaMs);
        // No kernel event acquisition (eBPF, ETW, Endpoint Security) in this build.
        reply.Field(FieldNames.KernelAcqAvailable, false);
        reply.Field(FieldNames.PerformanceMode, ScanThrottle.IsEnabled);
        LossAccounting.Write(reply);
        reply.End(ErrorCodes.Success);
    }
}

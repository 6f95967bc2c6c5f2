using System.Text;
using System.Text.Json;

namespace Sensor.Agent;

/// <summary>The status file the running agent keeps in its state directory for <c>sensor status</c>.</summary>
public static class AgentStatus
{
    /// <summary>When this process started (Unix ms): with the pid, tells <c>sensor status</c> a reused pid from the agent.</summary>
    public static long ProcessStartMs { get; } = StartTimeMs(Environment.ProcessId) ?? 0;

    /// <summary>The start time of a live process, or null when there is none with that id.</summary>
    public static long? StartTimeMs(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    public static string ToJson(ChannelAgent agent, AgentConfig config)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            LossCounters loss = agent.Queue.Counters;
            json.WriteStartObject();
            json.WriteString("state", agent.State.ToString().ToLowerInvariant());
            json.WriteNumber("pid", Environment.ProcessId);
            json.WriteNumber("process_start_ms", ProcessStartMs);
            json.WriteNumber("updated_ms", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            json.WriteNumber("ping_interval_ms", (long)config.PingInterval.TotalMilliseconds);
            json.WriteString("sid", agent.Sid);
            json.WriteString("server", $"{config.Host}:{config.Port}");
            json.WriteStartArray("pins");
            json.WriteStringValue(config.Pins.Primary.ToString());
            if (config.Pins.Backup is { } backup)
            {
                json.WriteStringValue(backup.ToString());
            }

            json.WriteEndArray();
            json.WriteNumber("sessions", agent.Sessions);
            json.WriteNumber("tasks_received", agent.TasksReceived);
            json.WriteNumber("tasks_duplicate", agent.DuplicateTasks);
            json.WriteString("last_error", agent.LastError);
            json.WriteStartObject("queue");
            json.WriteNumber("produced", loss.Produced);
            json.WriteNumber("sent", loss.Sent);
            json.WriteNumber("queued_events", loss.QueuedEvents);
            json.WriteNumber("queued_bytes", loss.QueuedBytes);
            json.WriteNumber("evicted_events", loss.EvictedEvents);
            json.WriteNumber("evicted_bytes", loss.EvictedBytes);
            json.WriteNumber("refused_events", loss.RefusedEvents);
            json.WriteNumber("refused_bytes", loss.RefusedBytes);
            json.WriteNumber("max_events", loss.MaxEvents);
            json.WriteNumber("max_bytes", loss.MaxBytes);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

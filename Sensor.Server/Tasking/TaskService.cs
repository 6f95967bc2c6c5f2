using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sensor.Channel;
using Sensor.Commands;
using Sensor.Platform;
using Sensor.Server.Http;

namespace Sensor.Server.Tasking;

/// <summary>
/// Turns a task line into a queued task: splits it like a shell would (<see cref="ShellWords"/>), checks it against
/// the generated command table the sensor itself runs, and queues it on disk in the sensor's directory
/// (<c>tasks/SID/TASKID.task</c>, written atomically) where it waits, across server restarts, until the sensor
/// acknowledges it (<c>tasks-done/</c>) or its time to live runs out (<c>tasks-expired/</c>). An expired task is
/// never sent: <see cref="ReleaseForSending"/> is asked before each send, and <see cref="SweepExpired"/> moves the
/// expired tasks of offline sensors so they are reported without waiting for a connection. The sensor checks the
/// expiry too, so a task that expires in flight is answered with an error instead of being run.
/// </summary>
public sealed class TaskService(ServerDirectory directory, EventHub hub, Action<string> log)
{
    public const int MaxTtlSeconds = 30 * 86_400;
    public const int DefaultTtlSeconds = 3_600;
    public const int MaxLineLength = 16 * 1024;
    public const int MaxInvestigationIdLength = 1024;

    public string TasksRoot => Path.Combine(directory.Root, "tasks");
    public string DeliveredRoot => Path.Combine(directory.Root, "tasks-done");
    public string ExpiredRoot => Path.Combine(directory.Root, "tasks-expired");

    /// <summary>The expired tasks reported since start (server events <c>TASK_EXPIRED</c>).</summary>
    public long ExpiredCount => Interlocked.Read(ref _expired);
    private long _expired;

    public TaskSubmission Submit(string sid, string? line, string? investigationId, int? ttlSeconds)
    {
        if (directory.FindSensor(sid) is null)
        {
            return TaskSubmission.Refused(404, $"no sensor {sid}");
        }

        if (directory.IsRevoked(sid))
        {
            return TaskSubmission.Refused(409, $"sensor {sid} is revoked");
        }

        if (string.IsNullOrWhiteSpace(line))
        {
            return TaskSubmission.Refused(400, "the task is empty: give a command line such as \"os_version\"");
        }

        if (line.Length > MaxLineLength)
        {
            return TaskSubmission.Refused(400, $"the task line is longer than {MaxLineLength} characters");
        }

        int ttl = ttlSeconds ?? DefaultTtlSeconds;
        if (ttl is <= 0 or > MaxTtlSeconds)
        {
            return TaskSubmission.Refused(400, $"ttl must be from 1 to {MaxTtlSeconds} seconds");
        }

        investigationId ??= "";
        if (Encoding.UTF8.GetByteCount(investigationId) > MaxInvestigationIdLength)
        {
            return TaskSubmission.Refused(400, $"investigation_id is longer than {MaxInvestigationIdLength} bytes");
        }

        string[]? words = ShellWords.TrySplit(line, out string splitError);
        if (words is null)
        {
            return TaskSubmission.Refused(400, splitError);
        }

        if (words.Length == 0)
        {
            return TaskSubmission.Refused(400, "the task is empty: give a command line such as \"os_version\"");
        }

        string command = words[0];
        string[] arguments = words[1..];
        CommandDescriptor? descriptor = CommandTable.Find(command);
        if (descriptor is null)
        {
            return TaskSubmission.Refused(400, ArgumentParsing.UnknownCommand(command) + " (the sensor's commands: sensor commands)");
        }

        if (CommandTable.Validate(command, arguments) is { } parseError)
        {
            return TaskSubmission.Refused(400, parseError, descriptor.Usage);
        }

        TaskMessage task = directory.AddTask(sid, command, arguments, Encoding.UTF8.GetBytes(investigationId), TimeSpan.FromSeconds(ttl));
        return new TaskSubmission
        {
            TaskId = Convert.ToHexStringLower(task.TaskId),
            Sid = sid,
            InvestigationId = investigationId,
            Command = command,
            Arguments = arguments,
            ExpiryMs = task.ExpiryMs,
        };
    }

    public TaskState? StateOf(string sid, string taskId)
    {
        if (!ServerDirectory.IsSid(sid) || taskId.Length != 32 || taskId.AsSpan().ContainsAnyExcept("0123456789abcdef"))
        {
            return null;
        }

        string name = taskId + ".task";
        return File.Exists(Path.Combine(TasksRoot, sid, name)) ? TaskState.Queued
            : File.Exists(Path.Combine(DeliveredRoot, sid, name)) ? TaskState.Delivered
            : File.Exists(Path.Combine(ExpiredRoot, sid, name)) ? TaskState.Expired
            : null;
    }

    /// <summary>True when the task may go to its sensor now; an expired one is moved aside and reported instead.</summary>
    public bool ReleaseForSending(string sid, string taskIdHex, byte[] message)
    {
        if (directory.IsRevoked(sid))
        {
            return false;
        }

        TaskMessage task;
        try
        {
            task = MessageCodec.ReadTask(message, FrameLimits.Default);
        }
        catch (ChannelProtocolException e)
        {
            log($"task {taskIdHex} for {sid} is unreadable and is not sent: {e.Message}");
            return false;
        }

        if (task.ExpiryMs > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
        {
            return true;
        }

        Expire(sid, taskIdHex, task);
        return false;
    }

    /// <summary>Moves every expired queued task aside and reports it; returns how many.</summary>
    public int SweepExpired()
    {
        if (!Directory.Exists(TasksRoot))
        {
            return 0;
        }

        int count = 0;
        foreach (string sensorDirectory in Directory.EnumerateDirectories(TasksRoot))
        {
            string sid = Path.GetFileName(sensorDirectory);
            if (!ServerDirectory.IsSid(sid))
            {
                continue;
            }

            foreach (var (taskId, message) in directory.PendingTasks(sid))
            {
                TaskMessage task;
                try
                {
                    task = MessageCodec.ReadTask(message, FrameLimits.Default);
                }
                catch (ChannelProtocolException)
                {
                    continue;
                }

                if (task.ExpiryMs <= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() && Expire(sid, taskId, task))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private bool Expire(string sid, string taskIdHex, TaskMessage task)
    {
        string source = Path.Combine(TasksRoot, sid, taskIdHex + ".task");
        string target = Path.Combine(ExpiredRoot, sid);
        Directory.CreateDirectory(target);
        try
        {
            File.Move(source, Path.Combine(target, taskIdHex + ".task"), overwrite: true);
        }
        catch (FileNotFoundException)
        {
            return false; // delivered or expired meanwhile
        }

        Interlocked.Increment(ref _expired);
        log($"task {taskIdHex} ({task.Command}) for {sid} expired before delivery; not sent");
        hub.PublishServerEvent(sid, ExpiredEvent(sid, taskIdHex, task));
        return true;
    }

    /// <summary>The server's own report of an expired task, in the events' envelope so stream readers see it in line.</summary>
    public static byte[] ExpiredEvent(string sid, string taskIdHex, TaskMessage task)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("routing");
            json.WriteString("sid", sid);
            json.WriteString("event_type", "TASK_EXPIRED");
            json.WriteNumber("event_time", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            json.WriteString("investigation_id", Encoding.UTF8.GetString(task.InvestigationId));
            json.WriteEndObject();
            json.WriteStartObject("event");
            json.WriteString("TASK_ID", taskIdHex);
            json.WriteString("NOTIFICATION_ID", task.Command);
            json.WriteNumber("EXPIRY", task.ExpiryMs);
            json.WriteNumber("ERROR", ErrorCodes.Timeout);
            json.WriteString("ERROR_MESSAGE", "the task expired before the sensor connected; it was not sent");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

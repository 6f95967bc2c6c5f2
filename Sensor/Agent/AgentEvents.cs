using Sensor.Channel;
using Sensor.Commands;
using Sensor.Events;
using Sensor.Platform;

namespace Sensor.Agent;

/// <summary>The events the agent itself publishes: the task receipt, task errors and DATA_DROPPED.</summary>
public static class AgentEvents
{
    public const string CloudNotification = "CLOUD_NOTIFICATION";
    public const string DataDropped = "DATA_DROPPED";

    /// <summary>The reply to a task the sensor cannot run at all (unknown command, lane full, expired).</summary>
    public const string TaskError = "TASK_ERROR";

    /// <summary>The receipt sent as soon as a task arrives: the command name and the request's id and expiry.</summary>
    public static void PublishReceipt(OutboundQueue queue, RoutingInfo routing, OsFamily platform, TaskMessage task)
    {
        var context = new CommandContext(new QueueEventSink(queue), WithInvestigation(routing, task), platform);
        using EventBuilder reply = context.Reply;
        reply.Begin(CloudNotification);
        reply.Field(FieldNames.NotificationId, task.Command);
        reply.BeginMap(FieldNames.Notification);
        reply.FieldUtf8(FieldNames.InvestigationId, task.InvestigationId);
        reply.Field(FieldNames.Expiry, task.ExpiryMs);
        reply.EndMap();
        reply.End(ErrorCodes.Success);
    }

    public static void PublishTaskError(OutboundQueue queue, RoutingInfo routing, OsFamily platform, TaskMessage task, int error, string message)
    {
        var context = new CommandContext(new QueueEventSink(queue), WithInvestigation(routing, task), platform);
        using EventBuilder reply = context.Reply;
        reply.Begin(TaskError);
        reply.Field(FieldNames.NotificationId, task.Command);
        reply.End(error, message);
    }

    public static void PublishDataDropped(OutboundQueue queue, RoutingInfo routing, OsFamily platform, long events, long bytes)
    {
        var context = new CommandContext(new QueueEventSink(queue), routing, platform);
        using EventBuilder reply = context.Reply;
        reply.Begin(DataDropped);
        reply.Field(FieldNames.LossEvictedEvents, events);
        reply.Field(FieldNames.LossEvictedBytes, bytes);
        reply.End(ErrorCodes.Success);
    }

    public static RoutingInfo WithInvestigation(RoutingInfo routing, TaskMessage task)
    {
        RoutingInfo copy = routing.Clone();
        copy.InvestigationId = task.InvestigationId;
        return copy;
    }
}

using Sensor.Events;
using Sensor.Platform;
using Sensor.Platform.Inventory;

namespace Sensor.Commands.Inventory;

/// <summary>The shape every inventory reply shares: one array of entries, capped, then the outcome.</summary>
internal static class InventoryReply
{
    /// <summary>Entries reported at most in one reply; more are counted in <c>SKIPPED_COUNT</c> with <c>TRUNCATED</c>.</summary>
    public const int MaxEntries = 100_000;

    public static void Send<T>(CommandContext context, string eventType, InventoryResult result, ReadOnlySpan<byte> arrayName,
        List<T> entries, Action<EventBuilder, T> writeEntry)
    {
        EventBuilder reply = context.Reply;
        reply.Begin(eventType);
        if (result.Error != 0)
        {
            reply.End(result.Error, result.Message);
            return;
        }

        int written = 0;
        reply.BeginArray(arrayName);
        foreach (T entry in entries)
        {
            if (written == MaxEntries || context.Cancellation.IsCancellationRequested)
            {
                break;
            }

            EventMark mark = reply.Mark();
            try
            {
                reply.BeginMapItem();
                writeEntry(reply, entry);
                reply.EndMap();
            }
            catch (EventTooLargeException)
            {
                reply.Rollback(mark);
                break;
            }

            written++;
        }

        reply.EndArray();
        if (written < entries.Count)
        {
            reply.Field(FieldNames.Truncated, true);
            reply.Field(FieldNames.SkippedCount, (long)(entries.Count - written));
        }

        if (result.ErrorCount > 0)
        {
            reply.Field(FieldNames.ErrorCount, (long)result.ErrorCount);
        }

        reply.End(ErrorCodes.Success, result.Message);
    }
}

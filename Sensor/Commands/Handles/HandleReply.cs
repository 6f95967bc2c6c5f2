using Sensor.Events;
using Sensor.Platform.Handles;
using Sensor.Platform.Inventory;

namespace Sensor.Commands.Handles;

/// <summary>The <c>HANDLES[{HANDLE_NAME, HANDLE_TYPE, HANDLE_VALUE, PROCESS_ID}]</c> reply both handle commands send.</summary>
internal static class HandleReply
{
    public static void Send(CommandContext context, string eventType, int processId, string? nameContains)
    {
        var handles = new List<HandleEntry>(4096);
        InventoryResult result = Os.ListHandles(processId, nameContains, handles);
        Inventory.InventoryReply.Send(context, eventType, result, FieldNames.Handles, handles, static (reply, handle) =>
        {
            reply.Field(FieldNames.HandleName, handle.Name);
            reply.Field(FieldNames.HandleType, handle.Type);
            reply.Field(FieldNames.HandleValue, (long)handle.Value);
            reply.Field(FieldNames.ProcessId, (long)handle.ProcessId);
        });
    }
}

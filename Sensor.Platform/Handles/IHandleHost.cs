using Sensor.Platform.Inventory;

namespace Sensor.Platform.Handles;

/// <summary>Open kernel object handles (Windows), for mem_handles and mem_find_handle. Other OSes answer ERROR 50.</summary>
public interface IHandleHost
{
    /// <summary>
    /// Appends the handles of <paramref name="processId"/> (0: every process) whose name contains
    /// <paramref name="nameContains"/> (null: all, named or not).
    /// </summary>
    static abstract InventoryResult ListHandles(int processId, string? nameContains, List<HandleEntry> handles);
}

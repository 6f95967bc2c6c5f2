namespace Sensor.Platform.Inventory;

/// <summary>How an inventory listing went.</summary>
/// <param name="Error">0, or the reply error code when nothing could be listed.</param>
/// <param name="Message">Why, or a note on what was read.</param>
/// <param name="ErrorCount">Sources that could not be read while the rest was listed.</param>
public readonly record struct InventoryResult(int Error, string? Message, int ErrorCount)
{
    public static InventoryResult NotSupported(string what) => new(ErrorCodes.NotSupported, what + " is not supported on this OS by this build", 0);
}

using System.Text.Json;

namespace Sensor.Server.Cli;

/// <summary>
/// Decides, from the events of one task, when its answer is complete (reply-events.md §1): the receipt
/// (<c>CLOUD_NOTIFICATION</c>) is skipped; a command that streams findings (yara_scan, hidden_module_scan,
/// history_dump) is complete at its <c>"ERROR_MESSAGE": "done"</c> completion or at an error; any other command at
/// its first reply carrying <c>ERROR</c>; a task the sensor could not run (<c>TASK_ERROR</c>) or the server let
/// expire (<c>TASK_EXPIRED</c>) is complete at once.
/// </summary>
public static class ReplyCompletion
{
    public const string Receipt = "CLOUD_NOTIFICATION";
    private static readonly HashSet<string> StreamingCommands = ["yara_scan", "hidden_module_scan", "history_dump"];

    public enum Kind
    {
        Receipt,
        Partial,
        Final,
    }

    public static (Kind Kind, int Error) Classify(string command, JsonElement line)
    {
        string? type = line.TryGetProperty("routing", out JsonElement routing) && routing.TryGetProperty("event_type", out JsonElement t)
            ? t.GetString() : null;
        if (type == Receipt)
        {
            return (Kind.Receipt, 0);
        }

        int error = 0;
        bool hasError = false;
        string? message = null;
        if (line.TryGetProperty("event", out JsonElement body) && body.ValueKind == JsonValueKind.Object)
        {
            if (body.TryGetProperty("ERROR", out JsonElement e) && e.TryGetInt32(out error))
            {
                hasError = true;
            }

            if (body.TryGetProperty("ERROR_MESSAGE", out JsonElement m) && m.ValueKind == JsonValueKind.String)
            {
                message = m.GetString();
            }
        }

        if (type is "TASK_ERROR" or "TASK_EXPIRED")
        {
            return (Kind.Final, hasError ? error : 1);
        }

        if (StreamingCommands.Contains(command))
        {
            return hasError && (error != 0 || message == "done") ? (Kind.Final, error) : (Kind.Partial, 0);
        }

        return hasError ? (Kind.Final, error) : (Kind.Partial, 0);
    }
}

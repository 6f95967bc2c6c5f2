using Sensor.Events;
using Sensor.Platform;

namespace Sensor.Commands;

/// <summary>
/// Runs one command through the generated table and makes sure it answers: a handler that throws, runs out of
/// its event budget or is cancelled still produces a reply of its event type, and the sensor carries on.
/// </summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="name"/>; returns false when no such command exists (nothing was replied).</summary>
    public static bool Run(string name, ReadOnlySpan<string> arguments, CommandContext context)
    {
        try
        {
            return CommandTable.Execute(name, arguments, context);
        }
        catch (OperationCanceledException)
        {
            ReplyFailure(context, ErrorCodes.Timeout, "the command was cancelled (timeout or shutdown) before it finished");
        }
        catch (EventTooLargeException e)
        {
            ReplyFailure(context, ErrorCodes.BufferOverflow, $"the reply outgrew its cap: {e.Message}");
        }
        catch (OutOfMemoryException)
        {
            ReplyFailure(context, ErrorCodes.NotEnoughMemory,
                $"the command ran out of memory: the sensor's heap limit is {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 20} MiB; ask for less at a time");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
            or ArgumentException or FormatException or NotSupportedException or System.ComponentModel.Win32Exception
            or System.Security.Cryptography.CryptographicException or IndexOutOfRangeException or NullReferenceException)
        {
            // A handler bug or an OS surprise must not take the sensor down: report it as the command's answer.
            ReplyFailure(context, ErrorCodes.InvalidFunction, $"internal error in {name}: {e.GetType().Name}: {e.Message}");
        }

        return true;
    }

    private static void ReplyFailure(CommandContext context, int error, string message)
    {
        context.Reply.Abandon();
        string eventType = context.Command?.ReplyEvent ?? "RECEIPT";
        context.Reply.Begin(eventType);
        context.Reply.End(error, message);
    }
}

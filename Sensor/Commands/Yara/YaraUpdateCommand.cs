using Sensor.Events;
using Sensor.Platform;
using Sensor.Yara;

namespace Sensor.Commands.Yara;

/// <summary>
/// Sets the rules of continuous scanning: compiles them (ERROR 50 with the compiler's message when they do not),
/// stores the source in the state directory and hands the compiled rules to the hosted
/// <see cref="ContinuousYaraScanner"/>. An empty rule stops continuous scanning and deletes the stored rules.
/// Replies <c>RECEIPT</c>.
/// </summary>
[Command("yara_update", 50, ReplyEvent = "RECEIPT", Platforms = OsFamily.Windows | OsFamily.Linux | OsFamily.MacOS,
    Description = "Update the compiled yara signature bundle used for constant memory and file scanning.")]
public sealed partial class YaraUpdateCommand
{
    [Positional("rule", Help = "rule to compile and set on sensor for constant scanning, literal rule or \"https://\" URL or base64 encoded rule")]
    public string Rule { get; set; } = "";

    public static void Execute(YaraUpdateCommand arguments, CommandContext context)
    {
        EventBuilder reply = context.Reply;
        reply.Begin("RECEIPT");
        ContinuousYaraScanner? scanner = ContinuousYaraScanner.Hosted;
        if (string.IsNullOrWhiteSpace(arguments.Rule))
        {
            scanner?.Stop();
            try
            {
                YaraRuleStore.Delete();
            }
            catch (IOException e)
            {
                reply.End(ErrorCodes.WriteFault, $"continuous scanning stopped; the stored rules could not be deleted: {e.Message}");
                return;
            }
            catch (UnauthorizedAccessException e)
            {
                reply.End(ErrorCodes.AccessDenied, $"continuous scanning stopped; the stored rules could not be deleted: {e.Message}");
                return;
            }

            reply.End(ErrorCodes.Success, "continuous scanning stopped");
            return;
        }

        int error = YaraRuleSource.Resolve(arguments.Rule, context.Cancellation, out string source, out string? message);
        YaraRules? rules = null;
        if (error == ErrorCodes.Success)
        {
            error = YaraCompiler.Compile(source, out rules, out message);
        }

        if (error != ErrorCodes.Success)
        {
            reply.End(error, message);
            return;
        }

        try
        {
            YaraRuleStore.Save(source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            rules!.Dispose();
            reply.End(ErrorCodes.WriteFault, $"the rules could not be stored: {e.Message}");
            return;
        }

        if (scanner is null)
        {
            rules!.Dispose();
            reply.End(ErrorCodes.Success, "rules stored; continuous scanning runs in the agent");
            return;
        }

        scanner.Start(rules!);
        reply.End(ErrorCodes.Success);
    }
}

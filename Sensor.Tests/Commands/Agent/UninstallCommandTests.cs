using System.Text.Json;
using Sensor.Commands;
using Sensor.Platform;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Agent;

public sealed class UninstallCommandTests
{
    private static (RecordingSink Sink, CommandContext Context, RecordingUninstaller Uninstaller) Create(int result = ErrorCodes.Success)
    {
        var (sink, context) = RecordingSink.Create();
        var uninstaller = new RecordingUninstaller(() => sink.Events.Count, result);
        context.Uninstaller = uninstaller;
        return (sink, context, uninstaller);
    }

    private static JsonElement Event(RecordingSink sink, int index) => sink.Events[index].RootElement.GetProperty("event");

    private static string Type(RecordingSink sink, int index) =>
        sink.Events[index].RootElement.GetProperty("routing").GetProperty("event_type").GetString()!;

    [Test]
    public void Run_WithoutConfirmation_RefusedWithInvalidParameterAndNothingStarted()
    {
        var (sink, context, uninstaller) = Create();

        Assert.That(CommandRunner.Run("uninstall", [], context), Is.True);

        Assert.That(uninstaller.CallsAfterReplies, Is.Empty);
        Assert.That(Type(sink, 0), Is.EqualTo("RECEIPT"));
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(ErrorCodes.InvalidParameter));
        Assert.That(sink.Single().GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("--is-confirmed"));
    }

    [Test]
    public void Run_Confirmed_ReceiptFirstThenUninstallStartedOnce()
    {
        var (sink, context, uninstaller) = Create();

        CommandRunner.Run("uninstall", ["--is-confirmed"], context);

        Assert.That(uninstaller.CallsAfterReplies, Is.EqualTo(new[] { 1 }), "started once, after the receipt was published");
        Assert.That(Type(sink, 0), Is.EqualTo("RECEIPT"));
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.Zero);
    }

    [Test]
    public void Run_UninstallCannotStart_SecondReceiptCarriesTheError()
    {
        var (sink, context, uninstaller) = Create(ErrorCodes.AccessDenied);

        CommandRunner.Run("uninstall", ["--is-confirmed"], context);

        Assert.That(uninstaller.CallsAfterReplies, Has.Count.EqualTo(1));
        Assert.That(sink.Events, Has.Count.EqualTo(2));
        Assert.That(Event(sink, 0).GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(Event(sink, 1).GetProperty("ERROR").GetInt32(), Is.EqualTo(ErrorCodes.AccessDenied));
        Assert.That(Event(sink, 1).GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("cannot start"));
    }
}

using System.Text.Json;
using Sensor.Commands;
using Sensor.Platform;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Agent;

/// <summary>shutdown, reboot and logoff through the command table with a recording power seam: the right call, once, only when confirmed.</summary>
public sealed class PowerCommandsTests
{
    private static (RecordingSink Sink, CommandContext Context, RecordingPowerControl Power) Create(int result = ErrorCodes.Success, string message = "")
    {
        var (sink, context) = RecordingSink.Create();
        var power = new RecordingPowerControl(result, message);
        context.Power = power;
        return (sink, context, power);
    }

    private static JsonElement Event(RecordingSink sink, int index) => sink.Events[index].RootElement.GetProperty("event");

    [TestCase("shutdown")]
    [TestCase("reboot")]
    [TestCase("logoff")]
    public void Run_WithoutConfirmation_RefusedWithUsageAndNoCall(string command)
    {
        var (sink, context, power) = Create();

        Assert.That(CommandRunner.Run(command, [], context), Is.True);

        Assert.That(power.PowerOffs, Is.Empty);
        Assert.That(power.LogOffs, Is.Zero);
        JsonElement reply = sink.Single();
        Assert.That(sink.Events[0].RootElement.GetProperty("routing").GetProperty("event_type").GetString(), Is.EqualTo("RECEIPT"));
        Assert.That(reply.GetProperty("ERROR").GetInt32(), Is.EqualTo(ErrorCodes.InvalidParameter));
        Assert.That(reply.GetProperty("ERROR_MESSAGE").GetString(),
            Does.Contain("required: --is-confirmed").And.Contain($"usage: {command} [-h] --is-confirmed"));
    }

    [TestCase("shutdown", PowerAction.PowerOff)]
    [TestCase("reboot", PowerAction.Reboot)]
    public void Run_Confirmed_ReceiptThenTheOneRightPowerCall(string command, PowerAction expected)
    {
        var (sink, context, power) = Create();

        CommandRunner.Run(command, ["--is-confirmed"], context);

        Assert.That(power.PowerOffs, Is.EqualTo(new[] { expected }));
        Assert.That(power.LogOffs, Is.Zero);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.Zero);
    }

    [TestCase("shutdown")]
    [TestCase("reboot")]
    public void Run_OsRefuses_SecondReceiptCarriesTheError(string command)
    {
        var (sink, context, power) = Create(ErrorCodes.AccessDenied, "reboot(2) failed: Operation not permitted");

        CommandRunner.Run(command, ["--is-confirmed"], context);

        Assert.That(power.PowerOffs, Has.Count.EqualTo(1));
        Assert.That(sink.Events, Has.Count.EqualTo(2));
        Assert.That(Event(sink, 0).GetProperty("ERROR").GetInt32(), Is.Zero, "the receipt goes first");
        Assert.That(Event(sink, 1).GetProperty("ERROR").GetInt32(), Is.EqualTo(ErrorCodes.AccessDenied));
        Assert.That(Event(sink, 1).GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("Operation not permitted"));
    }

    [Test]
    public void Run_LogoffConfirmed_LogsEveryoneOffOnceAndReportsTheCount()
    {
        var (sink, context, power) = Create();

        CommandRunner.Run("logoff", ["--is-confirmed"], context);

        Assert.That(power.LogOffs, Is.EqualTo(1));
        Assert.That(power.PowerOffs, Is.Empty);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.Zero);
        Assert.That(sink.Single().GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("2 user session"));
    }

    [Test]
    public void Run_LogoffFails_ReplyCarriesTheError()
    {
        var (sink, context, _) = Create(ErrorCodes.NotSupported, "loginctl is not installed");

        CommandRunner.Run("logoff", ["--is-confirmed"], context);

        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(ErrorCodes.NotSupported));
        Assert.That(sink.Single().GetProperty("ERROR_MESSAGE").GetString(), Does.Contain("loginctl"));
    }
}

using System.Text.Json;
using Sensor.Commands;
using Sensor.Commands.Handles;
using Sensor.Commands.Registry;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Inventory;

[Platform("Linux")]
public sealed class WindowsOnlyCommandTests
{
    [Test]
    public void RegList_OnLinux_NotSupportedWithMessage() =>
        AssertNotSupported(c => RegListCommand.Execute(new RegListCommand { Reg = "hklm\\software" }, c), "REGISTRY_LIST_REP");

    [Test]
    public void MemHandles_OnLinux_NotSupportedWithMessage() =>
        AssertNotSupported(c => MemHandlesCommand.Execute(new MemHandlesCommand { Pid = 1 }, c), "MEM_HANDLES_REP");

    [Test]
    public void MemFindHandle_OnLinux_NotSupportedWithMessage() =>
        AssertNotSupported(c => MemFindHandleCommand.Execute(new MemFindHandleCommand { Needle = "x" }, c), "MEM_FIND_HANDLES_REP");

    [Test]
    public void RegList_EmptyPath_InvalidParameter()
    {
        var (sink, context) = RecordingSink.Create();
        RegListCommand.Execute(new RegListCommand { Reg = "" }, context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
    }

    [Test]
    public void MemFindHandle_EmptyNeedle_InvalidParameter()
    {
        var (sink, context) = RecordingSink.Create();
        MemFindHandleCommand.Execute(new MemFindHandleCommand { Needle = "" }, context);
        Assert.That(sink.Single().GetProperty("ERROR").GetInt32(), Is.EqualTo(87));
    }

    private static void AssertNotSupported(Action<CommandContext> execute, string eventType)
    {
        var (sink, context) = RecordingSink.Create();
        execute(context);
        JsonElement root = sink.Events.Single().RootElement;
        Assert.That(root.GetProperty("routing").GetProperty("event_type").GetString(), Is.EqualTo(eventType));
        Assert.That(root.GetProperty("event").GetProperty("ERROR").GetInt32(), Is.EqualTo(50));
        Assert.That(root.GetProperty("event").GetProperty("ERROR_MESSAGE").GetString(), Is.Not.Empty);
    }
}

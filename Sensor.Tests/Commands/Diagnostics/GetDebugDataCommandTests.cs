using System.Text.Json;
using Sensor.Commands.Diagnostics;
using Sensor.Tests.Support;

namespace Sensor.Tests.Commands.Diagnostics;

[NonParallelizable]
public sealed class GetDebugDataCommandTests
{
    [Test]
    public void Execute_OutsideTheAgent_EveryFieldWithZeroLossAndDefaultBounds()
    {
        JsonElement ev = Run();
        foreach (string field in new[] { "PACKAGE_VERSION_STRING", "PACKAGE_VERSION_GIT", "UPTIME", "PROCESS_ID", "PERCENT_CPU", "MEMORY_USAGE", "TIMEDELTA", "KERNEL_ACQ_AVAILABLE", "LOSS_ACCOUNTING" })
        {
            Assert.That(ev.TryGetProperty(field, out _), Is.True, field);
        }

        Assert.Multiple(() =>
        {
            Assert.That(ev.GetProperty("PROCESS_ID").GetInt32(), Is.EqualTo(Environment.ProcessId));
            Assert.That(ev.GetProperty("MEMORY_USAGE").GetInt64(), Is.GreaterThan(0));
            Assert.That(ev.GetProperty("UPTIME").GetInt64(), Is.GreaterThanOrEqualTo(0));
            Assert.That(ev.GetProperty("PERCENT_CPU").GetInt64(), Is.InRange(0, 100));
        });
        JsonElement loss = ev.GetProperty("LOSS_ACCOUNTING");
        Assert.Multiple(() =>
        {
            foreach (string zero in new[] { "LOSS_EVICTED_EVENTS", "LOSS_EVICTED_BYTES", "LOSS_REFUSED_EVENTS", "LOSS_REFUSED_BYTES", "LOSS_QUEUED_EVENTS", "LOSS_QUEUED_BYTES" })
            {
                Assert.That(loss.GetProperty(zero).GetInt64(), Is.Zero, zero);
            }

            Assert.That(loss.GetProperty("LOSS_MAX_EVENTS").GetInt64(), Is.EqualTo(10_000));
            Assert.That(loss.GetProperty("LOSS_MAX_BYTES").GetInt64(), Is.EqualTo(52_428_800));
        });
    }

    private static JsonElement Run()
    {
        var (sink, context) = RecordingSink.Create();
        GetDebugDataCommand.Execute(new GetDebugDataCommand(), context);
        JsonElement ev = sink.Single();
        Assert.That(ev.GetProperty("ERROR").GetInt32(), Is.Zero);
        return ev;
    }
}

using Sensor.Platform;
using Sensor.Platform.MacOS;

namespace Sensor.Tests.Platform.MacOS;

/// <summary>
/// The daemon's state from <c>launchctl print</c>. The outputs below follow launchctl's layout (macOS 13/14),
/// written out by hand here since no Mac is available to this suite: replace them with captured ones when one is.
/// </summary>
public sealed class LaunchctlPrintParserTests
{
    private const string Running = """
        system/org.opensensor.sensor = {
        	active count = 1
        	path = /Library/LaunchDaemons/org.opensensor.sensor.plist
        	type = LaunchDaemon
        	state = running

        	program = /Library/Application Support/Sensor/sensor
        	arguments = {
        		/Library/Application Support/Sensor/sensor
        		run
        	}

        	pid = 4242
        	last exit code = (never exited)

        	endpoints = {
        		"org.opensensor.sensor.xpc" = {
        			port = 0x1234
        			active = 0
        			managed = 1
        			reset = 0
        			hide = 0
        			watching = 1
        		}
        	}
        }
        """;

    private const string Waiting = """
        system/org.opensensor.sensor = {
        	active count = 0
        	path = /Library/LaunchDaemons/org.opensensor.sensor.plist
        	type = LaunchDaemon
        	state = not running

        	program = /Library/Application Support/Sensor/sensor
        	runs = 3
        	last exit code = 0
        }
        """;

    private const string Crashed = """
        system/org.opensensor.sensor = {
        	active count = 0
        	type = LaunchDaemon
        	state = not running
        	runs = 7
        	last exit code = 78: EX_CONFIG
        	event triggers = {
        		state = running
        	}
        }
        """;

    [Test]
    public void ToRunState_StateRunning_Running()
    {
        Assert.That(LaunchctlPrintParser.ToRunState(0, Running, plistInstalled: true), Is.EqualTo(ServiceRunState.Running));
    }

    [Test]
    public void ToRunState_NotRunningAfterCleanExit_Stopped()
    {
        Assert.That(LaunchctlPrintParser.ToRunState(0, Waiting, plistInstalled: true), Is.EqualTo(ServiceRunState.Stopped));
    }

    [Test]
    public void ToRunState_NotRunningAfterNonZeroExit_FailedEvenWithANestedRunningLine()
    {
        Assert.That(LaunchctlPrintParser.ToRunState(0, Crashed, plistInstalled: true), Is.EqualTo(ServiceRunState.Failed));
    }

    [TestCase(true, ServiceRunState.Stopped)]
    [TestCase(false, ServiceRunState.NotInstalled)]
    public void ToRunState_NotLoaded_DependsOnThePlist(bool plistInstalled, ServiceRunState expected)
    {
        const string output = "Bad request.\nCould not find service \"org.opensensor.sensor\" in domain for system\n";

        Assert.That(LaunchctlPrintParser.ToRunState(LaunchctlPrintParser.NoSuchService, output, plistInstalled), Is.EqualTo(expected));
    }

    [Test]
    public void ToRunState_OtherFailure_Unknown()
    {
        Assert.That(LaunchctlPrintParser.ToRunState(1, "Operation not permitted", plistInstalled: true), Is.EqualTo(ServiceRunState.Unknown));
    }
}

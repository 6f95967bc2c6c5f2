using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Sensor.Cli;

/// <summary><c>sensor version</c>: the version, the commit it was built from, and the platform.</summary>
public static class VersionVerb
{
    public static string VersionText =>
        typeof(VersionVerb).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static Command CreateCommand()
    {
        var command = new Command("version", "Print the sensor's version.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"sensor {VersionText} {RuntimeInformation.RuntimeIdentifier} ({Os.Family})");
            return 0;
        });
        return command;
    }
}

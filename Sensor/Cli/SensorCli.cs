namespace Sensor.Cli;

/// <summary>The command line of the <c>sensor</c> binary.</summary>
public static class SensorCli
{
    public static int Run(string[] args)
    {
        Console.WriteLine($"sensor on {Os.Family}: {args.Length} arguments");
        return 0;
    }
}

namespace Sensor;

public static class Program
{
    public static int Main(string[] args) => Cli.SensorCli.Run(args);
}

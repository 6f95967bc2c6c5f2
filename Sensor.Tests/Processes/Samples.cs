namespace Sensor.Tests.Processes;

internal static class Samples
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", "Proc", name));
}

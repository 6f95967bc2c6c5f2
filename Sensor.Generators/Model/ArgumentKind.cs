namespace Sensor.Generators.Model;

internal enum ArgumentKind
{
    Positional,
    Option,
}

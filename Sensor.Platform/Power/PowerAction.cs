namespace Sensor.Platform;

/// <summary>What the <c>shutdown</c> and <c>reboot</c> commands ask of the machine.</summary>
public enum PowerAction
{
    PowerOff = 1,
    Reboot = 2,
}

namespace Sensor.Commands;

/// <summary>What a generated argument parser made of an argument vector.</summary>
public enum ArgumentParseStatus
{
    Ok = 0,

    /// <summary><c>-h</c> or <c>--help</c> was given: answer with the usage text, run nothing.</summary>
    Help = 1,

    /// <summary>The vector does not fit the usage line; the message names the bad argument.</summary>
    Error = 2,
}

using Sensor.Platform;

namespace Sensor.Commands;

/// <summary>
/// Marks a command handler. The source generator turns every marked class into a row of the static command table:
/// the argument parser, the usage text and a <c>case</c> of the dispatch switch.
/// </summary>
/// <remarks>
/// A handler is a <c>sealed partial class</c> with a public parameterless constructor whose settable properties carry
/// <see cref="PositionalAttribute"/> or <see cref="OptionAttribute"/>, and (unless <see cref="Planned"/>) a method
/// <c>public static void Execute(TheHandler arguments, CommandContext context)</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class CommandAttribute(string name, int id) : Attribute
{
    /// <summary>The request name, as the reference spells it (<c>file_hash</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The wire id: explicit, append-only, never reused. Frozen by <c>CommandIdTests</c>.</summary>
    public int Id { get; } = id;

    /// <summary>The reply event type (<c>FILE_HASH_REP</c>); <c>RECEIPT</c> where the reference has none.</summary>
    public string ReplyEvent { get; set; } = "RECEIPT";

    /// <summary>The platforms the reference agent supports the command on.</summary>
    public OsFamily Platforms { get; set; }

    /// <summary>One line for <c>sensor commands</c> and the usage text.</summary>
    public string Description { get; set; } = "";

    /// <summary>Declared for the table but not implemented by this build: it answers ERROR 50.</summary>
    public bool Planned { get; set; }

    /// <summary>Runs in the urgent lane (kill, suspend, resume, isolation) and never waits behind a long scan.</summary>
    public bool Urgent { get; set; }
}

namespace Sensor.Generators.Model;

/// <summary>The property types a handler argument may have; nullability is kept apart in <see cref="ArgumentSpec"/>.</summary>
internal enum ValueKind
{
    String,
    Int32,
    Int64,
    UInt64,

    /// <summary>An option flag: present or not, taking no value.</summary>
    Boolean,

    /// <summary>A repeatable option, a one-or-more option, or the last positional taking the remaining values.</summary>
    StringArray,
}

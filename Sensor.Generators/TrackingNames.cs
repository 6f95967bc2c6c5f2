namespace Sensor.Generators;

/// <summary>The names of the pipeline's steps, for the caching tests.</summary>
public static class TrackingNames
{
    public const string Commands = nameof(Commands);
    public const string Specs = nameof(Specs);
    public const string Table = nameof(Table);
    public const string HandlerDiagnostics = nameof(HandlerDiagnostics);
    public const string Keys = nameof(Keys);
    public const string TableDiagnostics = nameof(TableDiagnostics);
}

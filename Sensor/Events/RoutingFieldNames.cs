namespace Sensor.Events;

/// <summary>The lower-case field names of the routing envelope (reply-events.md §1).</summary>
public static class RoutingFieldNames
{
    public static ReadOnlySpan<byte> Routing => "routing"u8;
    public static ReadOnlySpan<byte> Event => "event"u8;
    public static ReadOnlySpan<byte> Sid => "sid"u8;
    public static ReadOnlySpan<byte> Did => "did"u8;
    public static ReadOnlySpan<byte> Hostname => "hostname"u8;
    public static ReadOnlySpan<byte> EventType => "event_type"u8;
    public static ReadOnlySpan<byte> EventTime => "event_time"u8;
    public static ReadOnlySpan<byte> EventId => "event_id"u8;
    public static ReadOnlySpan<byte> InvestigationId => "investigation_id"u8;
    public static ReadOnlySpan<byte> This => "this"u8;
    public static ReadOnlySpan<byte> Parent => "parent"u8;
    public static ReadOnlySpan<byte> Target => "target"u8;
    public static ReadOnlySpan<byte> Plat => "plat"u8;
    public static ReadOnlySpan<byte> Arch => "arch"u8;
    public static ReadOnlySpan<byte> Tags => "tags"u8;
}

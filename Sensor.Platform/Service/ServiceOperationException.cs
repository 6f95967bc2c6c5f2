namespace Sensor.Platform;

/// <summary>A step of installing or removing the service failed; the message names the step and the OS's reason.</summary>
public sealed class ServiceOperationException : Exception
{
    public ServiceOperationException(string message)
        : base(message)
    {
    }

    public ServiceOperationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

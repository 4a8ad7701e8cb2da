namespace BitcoinEvents.Lambda;

/// <summary>
/// The invocation's event is not an API Gateway HTTP API request in payload format 2.0 (a 1.0
/// event, another service's event, or a hand-made one). Posted to the invocation's /error.
/// </summary>
public sealed class InvalidHttpApiEventException : Exception
{
    public InvalidHttpApiEventException()
        : this("The event is not an API Gateway HTTP API request in payload format 2.0.")
    {
    }

    public InvalidHttpApiEventException(string message)
        : base(message)
    {
    }

    public InvalidHttpApiEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

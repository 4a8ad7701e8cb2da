using System.Diagnostics.CodeAnalysis;

namespace BitcoinEvents.Domain.Results;

/// <summary>Either a value or the <see cref="DomainError"/> that prevented it.</summary>
public readonly struct Result<T> : IEquatable<Result<T>>
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Error = null;
    }

    private Result(DomainError error)
    {
        _value = default;
        Error = error;
    }

    /// <summary>The error, or null on success.</summary>
    public DomainError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; throws when this is an error.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error.Detail}");

#pragma warning disable CA1000 // Result<T>.Success(x) reads better than a helper class.
    public static Result<T> Success(T value) => new(value);

    public static Result<T> Failure(DomainError error) =>
        new(error ?? throw new ArgumentNullException(nameof(error)));
#pragma warning restore CA1000

#pragma warning disable CA2225 // Success/Failure are the named alternates.
    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(DomainError error) => Failure(error);
#pragma warning restore CA2225

    public bool TryGetValue([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out DomainError? error)
    {
        value = _value;
        error = Error;
        return Error is null;
    }

    /// <summary>Runs <paramref name="next"/> on the value; an error passes through.</summary>
    public Result<TOut> Then<TOut>(Func<T, Result<TOut>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next(_value!) : Result<TOut>.Failure(Error);
    }

    public bool Equals(Result<T> other) =>
        Equals(Error, other.Error) && EqualityComparer<T?>.Default.Equals(_value, other._value);

    public override bool Equals(object? obj) => obj is Result<T> other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_value, Error);

    public static bool operator ==(Result<T> left, Result<T> right) => left.Equals(right);

    public static bool operator !=(Result<T> left, Result<T> right) => !left.Equals(right);

    public override string ToString() => IsSuccess ? $"Success({_value})" : $"Failure({Error})";
}

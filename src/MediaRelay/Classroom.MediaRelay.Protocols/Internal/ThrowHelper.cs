using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Classroom.MediaRelay.Protocols.Internal;

/// <summary>
/// Throws kept out of line so the hot methods that call them stay small enough to inline
/// (the pattern of System.IO.Pipelines' ThrowHelper). Only writers throw, and only on caller bugs
/// such as a destination span too small for what was asked; parsers return false instead.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void DestinationTooSmall(string parameterName) =>
        throw new ArgumentException("Destination buffer is too small.", parameterName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ArgumentOutOfRange(string parameterName, string message) =>
        throw new ArgumentOutOfRangeException(parameterName, message);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Argument(string parameterName, string message) =>
        throw new ArgumentException(message, parameterName);
}

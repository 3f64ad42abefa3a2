namespace Classroom.MediaRelay.Protocols.Srtp;

/// <summary>
/// Packet index estimation from a 16-bit sequence number (RFC 3711 §3.3.1 and Appendix A).
/// The 48-bit index is ROC·2^16 + SEQ; the guess picks whichever of ROC−1, ROC, ROC+1 puts SEQ
/// closest to the highest sequence number seen, which is what lets a packet reordered across
/// the 65535→0 wrap still authenticate.
/// </summary>
public static class RolloverCounter
{
    /// <summary>
    /// Estimates the index of <paramref name="sequence"/> given the highest index accepted so far.
    /// Returns −1 when the guess would need a negative ROC (a straggler from before the stream began).
    /// </summary>
    public static long EstimateIndex(ulong highestIndex, ushort sequence)
    {
        long roc = (long)(highestIndex >> 16);
        int highestSequence = (int)(highestIndex & 0xFFFF);
        long guess;
        if (highestSequence < 32768)
        {
            guess = sequence - highestSequence > 32768 ? roc - 1 : roc;
        }
        else
        {
            guess = highestSequence - 32768 > sequence ? roc + 1 : roc;
        }

        return guess < 0 || guess > uint.MaxValue ? -1 : (guess << 16) | sequence;
    }
}

namespace Classroom.MediaRelay.Tests.EndToEnd;

/// <summary>
/// A proof of issue 4 that today's relay or player does not meet yet (docs/bench-loss.md): skipped
/// in the ordinary test run so it cannot turn CI red, run with CLASSROOM_RUN_PENDING=1 (as
/// bench/loss/loss.sh does). Replace with [Fact] once it passes.
/// </summary>
public sealed class PendingProofFactAttribute : FactAttribute
{
    public const string Variable = "CLASSROOM_RUN_PENDING";

    public PendingProofFactAttribute(string why)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1") Skip = why + $" (run with {Variable}=1)";
    }
}

/// <summary>The <see cref="TheoryAttribute"/> twin of <see cref="PendingProofFactAttribute"/>.</summary>
public sealed class PendingProofTheoryAttribute : TheoryAttribute
{
    public PendingProofTheoryAttribute(string why)
    {
        if (Environment.GetEnvironmentVariable(PendingProofFactAttribute.Variable) != "1") Skip = why + $" (run with {PendingProofFactAttribute.Variable}=1)";
    }
}

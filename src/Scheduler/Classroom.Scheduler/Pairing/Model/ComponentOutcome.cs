namespace Classroom.Scheduler.Pairing.Model;

/// <summary>How a component's pairing was found.</summary>
internal enum ComponentProof
{
    /// <summary>The greedy start reached every school's upper bound and kept every keepable pairing.</summary>
    OptimalByBound,

    /// <summary>CP-SAT proved optimality.</summary>
    OptimalBySearch,

    /// <summary>CP-SAT stopped at its time share with a solution it could not prove optimal.</summary>
    Feasible,

    /// <summary>No search time was left (or CP-SAT found nothing): the greedy start is used.</summary>
    GreedyOnly,
}

internal sealed record ComponentOutcome(PairingComponent Component, int[] Chosen, ComponentProof Proof, UpperBounds Bounds, double SolverBound)
{
    public bool Proven => Proof is ComponentProof.OptimalByBound or ComponentProof.OptimalBySearch;
}

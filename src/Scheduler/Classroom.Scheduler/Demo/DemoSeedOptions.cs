namespace Classroom.Scheduler.Demo;

/// <summary>Whether an empty store gets the demo alliance (on by default; --seed-demo false turns it off).</summary>
public sealed record DemoSeedOptions(bool Enabled);

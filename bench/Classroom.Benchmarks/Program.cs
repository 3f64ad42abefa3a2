using BenchmarkDotNet.Running;
using Classroom.Benchmarks.Scheduler;

// Plain verbs first (quick medians without BenchmarkDotNet's process-per-benchmark), else BenchmarkDotNet.
if (args.Length > 0 && args[0] == SchedulerSolveCommand.Verb)
{
    return SchedulerSolveCommand.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

package org.loopbench.cli;

/**
 * A rough time for one group, in seconds, from the JMH options and the parameters (measured on the
 * reference machine): 3 s to start, then per fork 2 s plus the iterations, once per load point (JMH runs
 * every combination of the parameters' values: 3 connection counts x 2 read buffers are 6 trials per fork).
 * An iteration costs its -w/-r seconds (timed benchmarks), k x d plus a second of spawning (sleep), or a
 * fixed number of seconds (the coordination benchmarks).
 */
final class Estimate {

    private Estimate() {
    }

    static long seconds(BenchmarkSpec benchmark, WorkloadSettings settings) {
        JmhOptions o = JmhOptions.parse(settings.jmhArgs());
        long perFork;
        switch (benchmark.iteration()) {
            case "timed":
                perFork = 2 + (long) o.warmupIterations() * o.warmupSeconds() + (long) o.iterations() * o.iterationSeconds();
                break;
            case "sleeps": // a run is k x d, plus spawning (about 20 us a task, far more where each task is an OS thread)
                long sleepSeconds = Long.parseLong(settings.param("sleeps")) * Long.parseLong(settings.param("sleepMs")) / 1000;
                perFork = 2 + (long) (o.warmupIterations() + o.iterations()) * (sleepSeconds + 1);
                break;
            default:
                perFork = 2 + (long) (o.warmupIterations() + o.iterations()) * Long.parseLong(benchmark.iteration());
                break;
        }
        return 3 + o.forks() * perFork * settings.loadPoints(benchmark.params()).size();
    }

    /** "8 min 12 s". */
    static String minutes(long seconds) {
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}

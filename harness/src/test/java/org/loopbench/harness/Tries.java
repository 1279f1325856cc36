package org.loopbench.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import net.jqwik.api.statistics.Statistics;

import picocli.CommandLine;

/**
 * A fuzzer's tries of a parser: each one made something or refused its input as bad input, and took less
 * than a limit (longer is a hang, and fails). One thread runs them all: a thread per try (JUnit's
 * assertTimeoutPreemptively) costs more than a try.
 */
public final class Tries {

    private final Duration limit;
    private ExecutorService runner = newRunner();

    public Tries(Duration limit) {
        this.limit = limit;
    }

    /**
     * What {@code make} made, or empty when it refused its input as bad input (an IllegalArgumentException or
     * picocli's ParameterException; anything else fails the try), {@code refusal} having judged the refusal.
     * jqwik's statistics count both.
     */
    public <T> Optional<T> madeOrRefused(Callable<T> make, Consumer<RuntimeException> refusal) {
        try {
            T made = runner.submit(make).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            Statistics.label("outcome").collect("made");
            return Optional.of(made);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof CommandLine.ParameterException) {
                Statistics.label("outcome").collect("refused");
                refusal.accept((RuntimeException) e.getCause());
                return Optional.empty();
            }
            throw e.getCause() instanceof Error error ? error : new AssertionError("not a refusal", e.getCause());
        } catch (TimeoutException e) {
            runner.shutdownNow(); // its thread is stuck: the next try gets a fresh one
            runner = newRunner();
            throw new AssertionError("hung for " + limit.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "loopbench-fuzz-try");
            t.setDaemon(true);
            return t;
        });
    }
}

package org.loopbench.api.support;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.loopbench.api.EchoServer;
import org.loopbench.api.RuntimeResources;

/**
 * The echo servers a runtime has started and not yet closed: what
 * {@link org.loopbench.api.AsyncRuntime#startEchoServer} checks before starting one, what
 * {@link org.loopbench.api.AsyncRuntime#resources()} counts, and what
 * {@link org.loopbench.api.AsyncRuntime#close()} closes. Thread-safe.
 *
 * <p><b>The close race.</b> A server may be starting on one thread while {@code close()} runs on another,
 * after the start's "is the runtime running?" check. {@link #start} therefore registers the new server
 * first and only then looks at the lifecycle again: either {@code close()} had not yet moved the runtime to
 * closed, and then its {@link #closeAll()} (which follows that move) sees the server; or it had, and then
 * {@code start} sees that, closes the server itself and fails. Either way no server outlives its runtime.
 * A server closed by both is closed once ({@link EchoServer#close()} is idempotent).
 *
 * @param <S> the runtime's own server class
 */
public final class EchoServerRegistry<S extends EchoServer> {

    /** Starts one server; handed the callback the server must call once, when it has closed. */
    @FunctionalInterface
    public interface Starter<S> {
        S start(Consumer<? super S> onClosed) throws IOException;
    }

    private final Lifecycle lifecycle;
    private final Set<S> live = ConcurrentHashMap.newKeySet();

    /** @param lifecycle the owning runtime's: {@link #start} refuses unless it is running */
    public EchoServerRegistry(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /**
     * Starts a server with {@code starter} and keeps it until it closes.
     *
     * @throws IllegalStateException when the runtime is not started, or closed (also when it was closed
     *         while the server was starting: the server is closed again, and that is what the message says)
     * @throws IOException           as {@code starter} throws it (a bind failure, typically)
     */
    public S start(Starter<S> starter) throws IOException {
        lifecycle.requireRunning();
        S server;
        try {
            server = starter.start(live::remove);
        } catch (IllegalStateException e) {
            lifecycle.requireRunning(); // closed meanwhile: say that, rather than what broke underneath
            throw e;
        }
        live.add(server);
        if (lifecycle.isClosed()) { // lost the race with close(), which may have swept the set already
            server.close();
            lifecycle.requireRunning();
        }
        return server;
    }

    /** Closes every live server, each returning when its connections are closed. For the runtime's close(). */
    public void closeAll() {
        for (S server : live) {
            server.close();
        }
    }

    /** Live servers: {@link RuntimeResources#listeners()}. */
    public int count() {
        return live.size();
    }

    /** Connections open on all live servers now (each server's {@code stats().open()}). */
    public long openConnections() {
        long open = 0;
        for (S server : live) {
            open += server.stats().open();
        }
        return open;
    }
}

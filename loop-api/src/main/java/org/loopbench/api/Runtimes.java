package org.loopbench.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds runtimes by id among the {@link AsyncRuntimeProvider}s on the class path.
 *
 * <p>Never crashes the caller over one bad module: a provider that fails to load is remembered with its
 * error and reported by {@link #loadFailures()}, and an unavailable runtime is reported with its reason.
 */
public final class Runtimes {

    /** The order results and reports list runtimes in; unknown ids follow, alphabetically. */
    public static final List<String> CANONICAL_ORDER = List.of("threads", "virtual", "nio", "netty", "quasar");

    private static volatile Runtimes installed;

    private final Map<String, AsyncRuntimeProvider> providers;
    private final List<String> loadFailures;

    private Runtimes(Map<String, AsyncRuntimeProvider> providers, List<String> loadFailures) {
        this.providers = providers;
        this.loadFailures = loadFailures;
    }

    /** The runtimes on this class path (looked up once). */
    public static Runtimes installed() {
        Runtimes r = installed;
        if (r == null) {
            r = load(Runtimes.class.getClassLoader());
            installed = r;
        }
        return r;
    }

    static Runtimes load(ClassLoader loader) {
        List<AsyncRuntimeProvider> found = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        var iterator = ServiceLoader.load(AsyncRuntimeProvider.class, loader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add(String.valueOf(e));
            }
        }
        found.sort(Comparator.comparingInt((AsyncRuntimeProvider p) -> rank(p.id())).thenComparing(AsyncRuntimeProvider::id));
        Map<String, AsyncRuntimeProvider> byId = new LinkedHashMap<>();
        for (AsyncRuntimeProvider p : found) {
            AsyncRuntimeProvider previous = byId.putIfAbsent(p.id(), p);
            if (previous != null) {
                failures.add("two providers claim runtime id '" + p.id() + "': " + previous.getClass().getName()
                        + " and " + p.getClass().getName() + "; using the first");
            }
        }
        return new Runtimes(Collections.unmodifiableMap(byId), List.copyOf(failures));
    }

    private static int rank(String id) {
        int i = CANONICAL_ORDER.indexOf(id);
        return i < 0 ? CANONICAL_ORDER.size() : i;
    }

    /** Every runtime id on the class path, available or not, in canonical order. */
    public List<String> ids() {
        return List.copyOf(providers.keySet());
    }

    /** Providers that could not even be loaded, with the error; normally empty. */
    public List<String> loadFailures() {
        return loadFailures;
    }

    /** @throws UnknownRuntimeException naming the known ids */
    public AsyncRuntimeProvider provider(String id) {
        AsyncRuntimeProvider p = id == null ? null : providers.get(id.trim());
        if (p == null) {
            throw new UnknownRuntimeException("unknown runtime '" + id + "'; known runtimes: "
                    + (providers.isEmpty() ? "none on the class path" : String.join(", ", providers.keySet())));
        }
        return p;
    }

    /** @throws UnknownRuntimeException naming the known ids */
    public Availability availability(String id) {
        return provider(id).availability();
    }

    /**
     * Makes a runtime (not yet started).
     *
     * @throws UnknownRuntimeException     for an id not on the class path
     * @throws RuntimeUnavailableException when it cannot run in this JVM, with the reason
     * @throws IllegalArgumentException    for an unknown or out-of-range option
     */
    public AsyncRuntime create(String id, RuntimeOptions options) {
        AsyncRuntimeProvider p = provider(id);
        Availability a = p.availability();
        if (!a.available()) {
            throw new RuntimeUnavailableException("runtime '" + p.id() + "' is unavailable in this JVM ("
                    + Runtime.version() + "): " + a.reason());
        }
        options.requireOnly(p.id(), p.optionKeys());
        return p.create(options);
    }

    /** One line per runtime: id, availability and summary; what a launcher prints for "list". */
    public String listing() {
        StringBuilder sb = new StringBuilder();
        for (AsyncRuntimeProvider p : providers.values()) {
            sb.append(String.format("%-8s %-60s %s%n", p.id(), p.summary(), p.availability()));
        }
        for (String f : loadFailures) {
            sb.append("(failed to load) ").append(f).append(System.lineSeparator());
        }
        return sb.toString();
    }
}

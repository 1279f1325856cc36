package org.loopbench.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a runtime is and how it was set up, written into every result it takes part in, so that two
 * numbers are never compared without their differences in setup being visible.
 *
 * @param id        the runtime id, e.g. {@code netty}
 * @param model     the concurrency model in a few words, e.g. "event loop (Netty)"
 * @param jdk       the JVM actually running it, see {@link #currentJdk()}
 * @param transport how bytes move, e.g. "java.nio SocketChannel, 2 selector loops" or "epoll (native)"
 * @param threads   which threads do the work, e.g. "1 platform thread per connection + 1 acceptor"
 * @param settings  every other setting that could change a result (buffer sizes, stack size, pinning
 *                  notes), in a stable order
 */
public record RuntimeDescription(String id, String model, String jdk, String transport, String threads,
                                 Map<String, String> settings) {

    public RuntimeDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(jdk, "jdk");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(threads, "threads");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** e.g. "OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1 (Debian)". */
    public static String currentJdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version",
                System.getProperty("java.version")) + " (" + System.getProperty("java.vendor") + ")";
    }

    /** Everything in one flat, ordered map: the form results files use. */
    public Map<String, String> asMap() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("runtime", id);
        all.put("model", model);
        all.put("jdk", jdk);
        all.put("transport", transport);
        all.put("threads", threads);
        all.putAll(settings);
        return all;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}

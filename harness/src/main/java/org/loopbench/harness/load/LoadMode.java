package org.loopbench.harness.load;

import java.util.Locale;

/**
 * How the load generator paces messages. Each mode has exactly one coordinated-omission strategy,
 * documented here where it is chosen.
 */
public enum LoadMode {

    /**
     * Closed loop: every connection sends its next message as soon as the echo of the last one has fully
     * arrived. The score is throughput (messages per second). Latency is measured from the actual send,
     * so it is mostly queueing (Little's law: about connections / throughput) and a server stall is seen
     * by at most one message per connection: <b>closed-loop latency hides stalls</b> (coordinated
     * omission), which is why no latency claim is made from this mode.
     */
    SATURATION("saturation"),

    /**
     * Open loop: messages are scheduled at a constant total rate spread evenly over the connections
     * (connection i's first message at i / rate seconds, then every connections / rate seconds). Latency
     * is measured from each message's <b>intended</b> send time, as wrk2 does (the same figures as
     * HdrHistogram's {@code recordValueWithExpectedInterval} corrections): when the server stalls, every
     * message that should have been sent during the stall is charged the wait, so the stall lands in the
     * tail. A connection still waiting for an echo when its next message is due sends it as soon as the
     * echo arrives; the lateness is already counted from the intended time.
     */
    FIXED_RATE("fixed");

    private final String flag;

    LoadMode(String flag) {
        this.flag = flag;
    }

    /** The command-line spelling: {@code saturation} or {@code fixed}. */
    public String flag() {
        return flag;
    }

    /** @throws IllegalArgumentException naming the accepted spellings */
    public static LoadMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (LoadMode m : values()) {
            if (m.flag.equals(t) || m.name().toLowerCase(Locale.ROOT).equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("load mode '" + text + "' is not one of: saturation, fixed");
    }
}

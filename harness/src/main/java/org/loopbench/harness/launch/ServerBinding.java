package org.loopbench.harness.launch;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.loopbench.harness.cli.Addresses;

/**
 * The address an echo trial's server binds and its load generators connect to: loopback unless told
 * otherwise, so a run serves no other machine by accident. Another address needs {@code allowRemote} (the
 * {@code --allow-remote} flag, as for {@code serve} and {@code load}), must be one of this machine's (or
 * network namespace's) own, and must be a specific address: generators connect to the address the server
 * bound, and a wildcard is no address to connect to.
 *
 * <p>The launcher checks it ({@link #parse}) and passes it to the benchmark forks as {@value #PROPERTY} and
 * {@value #ALLOW_REMOTE_PROPERTY}, which check it again ({@link #fromSystemProperties}): the harness run by
 * hand is held to the same rule.
 */
public record ServerBinding(InetAddress address) {

    public static final String PROPERTY = "loopbench.server.address";
    public static final String ALLOW_REMOTE_PROPERTY = "loopbench.server.allowRemote";

    /** Loopback: the default. */
    public static ServerBinding loopback() {
        return new ServerBinding(InetAddress.getLoopbackAddress());
    }

    /**
     * @param option how the user gave it, for messages (e.g. {@code --server-address})
     * @throws IllegalArgumentException saying what is wrong and what to do
     */
    public static ServerBinding parse(String option, String text, boolean allowRemote) {
        InetAddress a = Addresses.host(option, text);
        if (a.isLoopbackAddress()) {
            return new ServerBinding(a);
        }
        if (!allowRemote) {
            throw new IllegalArgumentException(option + " " + a.getHostAddress() + " is not a loopback address; add"
                    + " --allow-remote to serve load from other machines");
        }
        if (a.isAnyLocalAddress()) {
            throw new IllegalArgumentException(option + " " + a.getHostAddress() + " is a wildcard: give the one"
                    + " address the load generators should connect to");
        }
        try {
            if (NetworkInterface.getByInetAddress(a) == null) {
                throw new IllegalArgumentException(option + " " + a.getHostAddress() + " is not an address of this"
                        + " machine (or of the network namespace it runs in): the server binds it here");
            }
        } catch (SocketException e) {
            throw new IllegalArgumentException(option + ": cannot list this machine's addresses: " + e.getMessage());
        }
        return new ServerBinding(a);
    }

    /** In the fork: {@value #PROPERTY} checked as the launcher checks it, or loopback when not set. */
    public static ServerBinding fromSystemProperties() {
        String text = System.getProperty(PROPERTY);
        if (text == null || text.isBlank()) {
            return loopback();
        }
        return parse("-D" + PROPERTY, text, Boolean.getBoolean(ALLOW_REMOTE_PROPERTY));
    }

    public boolean remote() {
        return !address.isLoopbackAddress();
    }

    /** What the launcher passes to the forks: nothing for the default. */
    public Map<String, String> forkProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        if (!address.equals(InetAddress.getLoopbackAddress())) {
            p.put(PROPERTY, address.getHostAddress());
        }
        if (remote()) {
            p.put(ALLOW_REMOTE_PROPERTY, "true");
        }
        return p;
    }
}

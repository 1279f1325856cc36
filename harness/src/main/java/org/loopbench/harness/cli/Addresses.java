package org.loopbench.harness.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.loopbench.harness.load.ParameterRanges;

/**
 * Addresses as typed on a command line: {@code HOST} ({@code serve --bind}) and {@code HOST:PORT}
 * ({@code load --target}, {@code calibrate --target}), HOST being a name, an IPv4 address or an IPv6 one
 * (in brackets before a port: {@code [::1]:9000}). Text that cannot be a host is refused as such before
 * any lookup, so a typo never turns into a name-service query.
 */
public final class Addresses {

    /** A host name (RFC 1123 letters, digits, '-', '.'; '_' tolerated) or an IPv4 address. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    /** An IPv6 address, maybe with a scope ({@code fe80::1%eth0}). */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{0,45}:[0-9A-Fa-f:.]{0,45}(%[A-Za-z0-9._-]{1,32})?");

    private Addresses() {
    }

    /**
     * @param option the option, for the message (e.g. {@code --bind})
     * @throws IllegalArgumentException naming the option and the text: not a host, or not resolved
     */
    public static InetAddress host(String option, String text) {
        String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a host name or address");
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + " host '" + host + "' cannot be resolved");
        }
    }

    /**
     * @param option the option, for the message (e.g. {@code --target})
     * @throws IllegalArgumentException naming the option and the text: not HOST:PORT, a port outside
     *                                  1..65,535, or a host that is not one
     */
    public static InetSocketAddress hostAndPort(String option, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(option + " '" + text + "' is not host:port (e.g. 127.0.0.1:9000)");
        }
        int port = ParameterRanges.require(option + " port",
                ParameterRanges.parseInt(option + " port", text.substring(colon + 1)), 1, 65_535);
        return new InetSocketAddress(host(option, text.substring(0, colon)), port);
    }
}

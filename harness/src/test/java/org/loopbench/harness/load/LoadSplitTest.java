package org.loopbench.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A load split over several generators is the same load: same connections, same rate, same intervals. */
class LoadSplitTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress(address(198, 18, 0, 1), 9000);
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9000);

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnevenSplitGivesTheFirstOnesOneMoreAndTheRateInProportion() {
        List<LoadSpec> parts = LoadSpec.fixedRate(REMOTE, 201, 64, 20_000, 1).split(2);
        assertEquals(List.of(101, 100), parts.stream().map(LoadSpec::connections).toList());
        assertEquals(List.of(10_050, 9_950), parts.stream().map(LoadSpec::ratePerSecond).toList());
        long whole = LoadSpec.fixedRate(REMOTE, 201, 64, 20_000, 1).perConnectionIntervalNanos();
        for (LoadSpec p : parts) { // rates are whole messages per second: equal to a few parts in 100,000
            assertEquals(whole, p.perConnectionIntervalNanos(), whole * 1e-4, "each connection keeps its interval");
        }
    }

    @Property(tries = 2_000)
    void thePartsAddUpToTheWhole(@ForAll @IntRange(min = 1, max = 64) int parts,
                                 @ForAll @IntRange(min = 64, max = 200_000) int connections,
                                 @ForAll @IntRange(min = 64, max = 2_000_000) int rate) {
        LoadSpec whole = LoadSpec.fixedRate(REMOTE, connections, 16, rate, 1);
        List<LoadSpec> split = whole.split(parts);
        assertEquals(parts, split.size());
        assertEquals(connections, split.stream().mapToInt(LoadSpec::connections).sum());
        assertEquals(rate, split.stream().mapToInt(LoadSpec::ratePerSecond).sum());
        int most = split.stream().mapToInt(LoadSpec::connections).max().orElseThrow();
        int least = split.stream().mapToInt(LoadSpec::connections).min().orElseThrow();
        assertTrue(most - least <= 1, "as even as possible");
        for (LoadSpec p : split) {
            double share = (double) p.connections() / connections;
            assertTrue(Math.abs(p.ratePerSecond() - rate * share) < 1, "rate in proportion: " + p);
            assertEquals(whole.payloadBytes(), p.payloadBytes());
            assertEquals(whole.messageTimeout(), p.messageTimeout());
        }
    }

    @Test
    void aSplitThatLeavesAGeneratorNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoadSpec.saturation(REMOTE, 3, 64, 1).split(4));
        assertThrows(IllegalArgumentException.class, () -> LoadSpec.fixedRate(REMOTE, 100, 64, 3, 1).split(4));
        assertEquals(List.of(LoadSpec.saturation(REMOTE, 3, 64, 1)), LoadSpec.saturation(REMOTE, 3, 64, 1).split(1));
    }

    /** On loopback the parts share the source addresses the whole load needs: the kernel shares their ports. */
    @Test
    void loopbackPartsUseTheAddressesTheWholeLoadNeeds() {
        int whole = LoadSpec.sourceAddressesNeeded(100_000);
        for (LoadSpec p : LoadSpec.saturation(LOOPBACK, 100_000, 64, 1).split(4)) {
            assertEquals(whole, p.effectiveSourceAddresses());
        }
    }
}

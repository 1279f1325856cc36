package org.loopbench.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** The allocation-free check the I/O loop uses agrees with the plain one, for any piece of a message. */
class PayloadTest {

    @Test
    void theReusedViewChecksExactlyLikeASlice() {
        Payload p = new Payload(64);
        ByteBuffer view = p.view();
        byte[] message = p.expected(7, 3);
        int offset = Payload.offset(7, 3);
        for (int from = 0; from < 64; from += 13) {
            ByteBuffer piece = ByteBuffer.wrap(message, from, Math.min(20, 64 - from));
            assertTrue(p.matches(piece, offset + from));
            assertTrue(p.matches(piece, offset + from, view), "piece at " + from);
            assertEquals(from, piece.position(), "the received bytes are not consumed");
        }
        message[5] ^= 1;
        assertFalse(p.matches(ByteBuffer.wrap(message), offset, view), "a changed byte is caught");
        assertFalse(p.matches(ByteBuffer.wrap(p.expected(7, 4)), offset, view), "the next message is not this one");
    }
}

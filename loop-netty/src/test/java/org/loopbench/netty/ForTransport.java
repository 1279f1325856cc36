package org.loopbench.netty;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class as running on one Netty transport: each of its tests is skipped, through a JUnit
 * assumption carrying Netty's reason, when that transport cannot run on this machine. The assumption is
 * checked before every {@code @BeforeEach} (including the contract kit's), so the kit never even tries to
 * create an unavailable runtime.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(TransportAvailableAssumption.class)
@interface ForTransport {

    /** The {@code netty.transport} value: nio, epoll or io_uring. */
    String value();
}

package dev.ticker.server;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for a condition with a generous deadline, checking it every millisecond, instead of sleeping for a guessed time. */
public final class Conditions
{
    private static final long POLL_NS = 1_000_000;

    private Conditions()
    {
    }

    /** Returns once {@code condition} holds; fails the test, naming {@code what}, if it does not within the deadline. */
    public static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + WebSocketTestClient.TIMEOUT.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("not within " + WebSocketTestClient.TIMEOUT + ": " + what);
            }
            LockSupport.parkNanos(POLL_NS);
        }
    }
}

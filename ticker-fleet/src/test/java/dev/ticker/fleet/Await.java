package dev.ticker.fleet;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline: the only way the fleet's tests wait. */
final class Await
{
    private Await()
    {
    }

    static void until(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        until(what, timeoutMs, condition, () -> "");
    }

    /** Returns once {@code condition} holds; fails naming {@code what} and {@code state} if it does not in time. */
    static void until(final String what, final long timeoutMs, final BooleanSupplier condition, final Supplier<String> state)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("not within " + timeoutMs + " ms: " + what + " " + state.get());
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, ex);
            }
        }
    }
}

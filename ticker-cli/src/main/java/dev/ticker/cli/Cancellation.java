package dev.ticker.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets Ctrl-C stop a long command cleanly: on shutdown it asks the work to cancel and waits for
 * it to clean up (delete what it had half-written) before the JVM exits.
 */
final class Cancellation implements AutoCloseable
{
    private static final long CLEAN_UP_WAIT_SECONDS = 30;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    /** Runs {@code work}; Ctrl-C meanwhile calls {@code cancel} and waits for {@code work} to return. */
    static <T> T whileRunning(final Runnable cancel, final Supplier<T> work)
    {
        final Cancellation cancellation = new Cancellation(cancel);
        try
        {
            return work.get();
        }
        finally
        {
            cancellation.close();
        }
    }

    private Cancellation(final Runnable cancel)
    {
        hook = new Thread(() ->
        {
            cancel.run();
            try
            {
                done.await(CLEAN_UP_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "cancel-on-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The work has finished or cleaned up: shutdown need not wait. */
    @Override
    public void close()
    {
        done.countDown();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // shutting down already: the hook is running and now returns
        }
    }
}

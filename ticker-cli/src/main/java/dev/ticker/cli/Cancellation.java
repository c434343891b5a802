package dev.ticker.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets Ctrl-C stop a long command cleanly: on shutdown it asks the work to cancel and waits for
 * it to clean up (delete what it had half-written) and say so before the JVM exits.
 */
final class Cancellation
{
    /** Exit code of a stopped command (128 + SIGINT); a JVM stopped by a signal exits with that signal's code anyway. */
    static final int EXIT_STOPPED = 130;

    private static final long CLEAN_UP_WAIT_SECONDS = 30;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    /** The work stopped on request and has said why; the command ends with {@link #EXIT_STOPPED}. */
    static final class StoppedException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        StoppedException(final Throwable cause)
        {
            super(cause.getMessage(), cause);
        }
    }

    private Cancellation(final Runnable cancel)
    {
        hook = new Thread(() ->
        {
            requested = true;
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

    /**
     * Runs {@code work}; Ctrl-C meanwhile calls {@code cancel}, waits for {@code work} to end, and
     * prints why it ended on {@code err} (the JVM may exit right after, so this cannot be left to
     * the caller).
     *
     * @throws StoppedException when the work ended because it was cancelled.
     */
    static <T> T whileRunning(final Runnable cancel, final Supplier<T> work, final PrintWriter err, final String command)
    {
        final Cancellation cancellation = new Cancellation(cancel);
        try
        {
            return work.get();
        }
        catch (final RuntimeException ex)
        {
            if (cancellation.requested)
            {
                err.println(command + ": " + ex.getMessage());
                err.flush();
                throw new StoppedException(ex);
            }
            throw ex;
        }
        finally
        {
            cancellation.close();
        }
    }

    /** The work has finished or cleaned up: shutdown need not wait. */
    private void close()
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

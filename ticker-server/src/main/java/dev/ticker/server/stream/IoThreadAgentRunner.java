package dev.ticker.server.stream;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.xnio.ChannelPipe;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs an agent's duty cycle on an XNIO IO thread, so that the agent writes the sockets that thread
 * owns itself: no frame is handed from one thread to another. The IO thread runs its tasks until
 * none is left before it selects, so a busy agent must not queue itself again as a task, or the
 * sockets would never be read. Instead, while the agent has work, the runner arms a wake-up: the
 * write side of a pipe of its own, which is always writable, so the selector calls the agent once
 * per pass, after the sockets' events. An idle agent is called again after {@code idleDelayMs} (the
 * idle strategy: back off to the IO thread's timer).
 */
public final class IoThreadAgentRunner implements AutoCloseable
{
    private static final long CLOSE_TIMEOUT_MS = 5_000;

    private final Agent agent;
    private final XnioIoThread thread;
    private final ErrorHandler errorHandler;
    private final long idleDelayMs;
    private final ChannelPipe<StreamSourceChannel, StreamSinkChannel> wakeUp;
    private final Runnable onTimer = this::onTimer;
    private volatile boolean closed;
    private boolean running;
    private boolean timerArmed;
    private boolean wakeUpArmed;

    public IoThreadAgentRunner(final Agent agent, final XnioIoThread thread, final ErrorHandler errorHandler, final long idleDelayMs)
    {
        this.agent = agent;
        this.thread = thread;
        this.errorHandler = errorHandler;
        this.idleDelayMs = idleDelayMs;
        try
        {
            this.wakeUp = thread.createHalfDuplexPipe();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make the wake-up pipe of " + agent.roleName(), ex);
        }
    }

    /** The IO thread the agent runs on. */
    XnioIoThread thread()
    {
        return thread;
    }

    /** Starts the agent on its IO thread: {@link Agent#onStart()}, then the duty cycle. */
    void start()
    {
        thread.execute(this::begin);
    }

    private void begin()
    {
        try
        {
            agent.onStart();
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
            closed = true;
            return;
        }
        running = true;
        wakeUp.getRightSide().getWriteSetter().set(sink -> cycle());
        cycle();
    }

    private void onTimer()
    {
        timerArmed = false;
        cycle();
    }

    private void cycle()
    {
        if (closed || !running)
        {
            return;
        }
        int work;
        try
        {
            work = agent.doWork();
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
            work = 0;
        }
        if (work > 0)
        {
            if (!wakeUpArmed)
            {
                wakeUpArmed = true;
                wakeUp.getRightSide().resumeWrites();
            }
        }
        else
        {
            if (wakeUpArmed)
            {
                wakeUpArmed = false;
                wakeUp.getRightSide().suspendWrites();
            }
            if (!timerArmed)
            {
                timerArmed = true;
                thread.executeAfter(onTimer, idleDelayMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Stops the duty cycle and closes the agent on its own thread. */
    @Override
    public void close()
    {
        if (closed && !running)
        {
            IoUtils.safeClose(wakeUp.getLeftSide(), wakeUp.getRightSide());
            return;
        }
        closed = true;
        final CountDownLatch done = new CountDownLatch(1);
        try
        {
            thread.execute(() ->
            {
                try
                {
                    closeAgent();
                }
                finally
                {
                    done.countDown();
                }
            });
            if (!done.await(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                errorHandler.onError(new IllegalStateException(agent.roleName() + " did not close within " + CLOSE_TIMEOUT_MS + " ms"));
            }
        }
        catch (final java.util.concurrent.RejectedExecutionException ex)
        {
            // the IO thread has stopped already: nothing runs the agent any more
            closeAgent();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void closeAgent()
    {
        running = false;
        IoUtils.safeClose(wakeUp.getLeftSide(), wakeUp.getRightSide());
        try
        {
            agent.onClose();
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
        }
    }
}

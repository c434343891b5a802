package dev.ticker.server.stream;

import dev.ticker.server.session.SessionCommand;
import dev.ticker.server.ws.IoThreadBuffers;
import org.agrona.CloseHelper;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.xnio.XnioIoThread;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fan-out threads: one {@link StreamAgent} on each IO thread, and the way to the one that owns
 * a connection. A connection belongs to the IO thread it was accepted on, so its commands go to the
 * agent running there, which is the only thread that acts on its session and writes its socket.
 */
public final class FanOut implements AutoCloseable
{
    private final IoThreadAgentRunner[] runners;
    private final List<ManyToOneConcurrentArrayQueue<SessionCommand>> commands;
    private final IoThreadBuffers[] buffers;

    public FanOut(final int threads)
    {
        this.runners = new IoThreadAgentRunner[threads];
        this.commands = new ArrayList<>(Collections.nCopies(threads, null));
        this.buffers = new IoThreadBuffers[threads];
    }

    public void add(
        final int index,
        final IoThreadAgentRunner runner,
        final ManyToOneConcurrentArrayQueue<SessionCommand> queue,
        final IoThreadBuffers threadBuffers)
    {
        runners[index] = runner;
        commands.set(index, queue);
        buffers[index] = threadBuffers;
    }

    public void start()
    {
        for (final IoThreadAgentRunner runner : runners)
        {
            runner.start();
        }
    }

    /** The command queue of the agent that owns connections accepted on {@code thread}. */
    public ManyToOneConcurrentArrayQueue<SessionCommand> commandsFor(final XnioIoThread thread)
    {
        return commands.get(indexOf(thread));
    }

    /** The read buffer and output pool that the connections of {@code thread} share. */
    public IoThreadBuffers buffersFor(final XnioIoThread thread)
    {
        return buffers[indexOf(thread)];
    }

    private int indexOf(final XnioIoThread thread)
    {
        for (int i = 0; i < runners.length; i++)
        {
            if (runners[i].thread() == thread)
            {
                return i;
            }
        }
        throw new IllegalStateException(thread + " runs no fan-out agent");
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(runners);
    }
}

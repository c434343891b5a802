package dev.ticker.server.stream;

import dev.ticker.journal.TickJournal;
import dev.ticker.server.bars.BarStore;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.metrics.ServerCounters;
import dev.ticker.server.replay.Replays;
import dev.ticker.server.session.ControlMessages;
import dev.ticker.server.session.Session;
import dev.ticker.server.session.SessionCommand;
import dev.ticker.server.session.SubscriptionRequests;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One fan-out thread's duty cycle, and nothing else: it applies the commands its IO thread queued,
 * then steps its {@link LiveStream} (catch-ups, the live read), its {@link Replays} and the
 * stream's flush and heartbeat, and passes what the stream hands out (sessions whose waiting
 * requests are due, closed sessions whose replay must be released) to {@link SubscriptionRequests}
 * and {@link Replays}. The parts know nothing of the agent: the stream calls back into no one, the
 * replays use the stream, the requests use the stream and the replays.
 */
public final class StreamAgent implements Agent
{
    private static final int COMMAND_LIMIT = 256;

    private final int index;
    private final ManyToOneConcurrentArrayQueue<SessionCommand> commands;
    private final ServerCounters counters;
    private final NanoClock clock;
    private final EpochNanoClock epochClock;
    private final ControlMessages control;
    private final LiveStream live;
    private final Replays replays;
    private final SubscriptionRequests requests;
    private final Consumer<SessionCommand> onCommand = this::onCommand;
    private final Consumer<Session> applyDeferred;
    private final Consumer<Session> releaseReplay;

    public StreamAgent(
        final int index,
        final AtomicInteger replaySlots,
        final ServerConfiguration configuration,
        final TickJournal journal,
        final ManyToOneConcurrentArrayQueue<SessionCommand> commands,
        final ServerCounters counters,
        final BarStore bars,
        final NanoClock clock,
        final EpochNanoClock epochClock)
    {
        this.index = index;
        this.commands = commands;
        this.counters = counters;
        this.clock = clock;
        this.epochClock = epochClock;
        this.control = new ControlMessages(counters);
        this.live = new LiveStream(configuration, journal, control, counters, bars, epochClock);
        this.replays = new Replays(live, journal, control, counters, configuration, replaySlots);
        this.requests = new SubscriptionRequests(live, replays, control, counters, configuration);
        this.releaseReplay = replays::onClosed;
        this.applyDeferred = requests::applyDeferred;
    }

    @Override
    public void onStart()
    {
        live.start();
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        live.cycleAt(nowNs);
        if (live.isWarmingUp())
        {
            // commands wait in their queue until the state they are answered from is complete
            return live.warmUp();
        }
        int work = commands.drain(onCommand, COMMAND_LIMIT);
        work += requests.doWork(nowNs);
        work += live.catchUps();
        work += live.drainRequestsDue(applyDeferred);
        work += live.read();
        // after the live read, and bounded: replays never hold up the live stream by more than a slice
        work += replays.doWork();
        work += live.flushIfDue();
        work += live.drainRequestsDue(applyDeferred);
        work += live.heartbeatIfDue();
        live.drainClosedReplaying(releaseReplay);
        counters.dutyCycle(epochClock.nanoTime());
        return work;
    }

    @Override
    public void onClose()
    {
        live.close();
        live.drainClosedReplaying(releaseReplay);
        replays.closeAll();
    }

    @Override
    public String roleName()
    {
        return "fan-out-" + index;
    }

    /** The stream this agent drives; for tests and benchmarks that look inside. */
    public LiveStream live()
    {
        return live;
    }

    private void onCommand(final SessionCommand command)
    {
        final Session session = command.session();
        if (command instanceof SessionCommand.Opened)
        {
            live.open(session);
        }
        else if (session.isClosed())
        {
            return;
        }
        else if (command instanceof SessionCommand.Received received)
        {
            requests.onMessage(session, received.message());
            live.drainRequestsDue(applyDeferred);
        }
        else if (command instanceof SessionCommand.Violation violation)
        {
            control.closeWithError(session, violation.code(), violation.closeCode(), violation.text(), 0);
        }
        else if (command instanceof SessionCommand.Closed)
        {
            session.markClosed();
        }
        if (session.isClosed())
        {
            live.removeClosedSessions();
            live.drainClosedReplaying(releaseReplay);
        }
    }
}

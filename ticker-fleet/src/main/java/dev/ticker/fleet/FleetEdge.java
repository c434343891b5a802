package dev.ticker.fleet;

import dev.ticker.journal.AgentErrorHandler;
import dev.ticker.journal.TickJournal;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.TickerServer;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;

/**
 * An edge server: follows the topic into its own journal ({@link TopicFollower}, on its own thread)
 * and serves that journal to clients exactly as {@code ticker serve} does, with the same server.
 * Every edge's journal is the writer's record for record, so a client resumes on any edge with the
 * sequence it holds.
 */
public final class FleetEdge implements AutoCloseable
{
    private final TopicFollower follower;
    private final AgentRunner runner;
    private final TickerServer server;

    private FleetEdge(final TopicFollower follower, final AgentRunner runner, final TickerServer server)
    {
        this.follower = follower;
        this.runner = runner;
        this.server = server;
    }

    /** Starts following and serving; the journal stays the caller's to close, after this. */
    public static FleetEdge start(
        final TickJournal journal, final FleetConfiguration fleetConfiguration, final ServerConfiguration serverConfiguration)
    {
        final TopicFollower follower = new TopicFollower(
            journal, fleetConfiguration, new FleetStatus(FleetStatus.Role.EDGE), SystemEpochClock.INSTANCE);
        AgentRunner runner = null;
        try
        {
            // the poll waits for records itself; the idle strategy only spaces polls when there is nothing to do
            runner = new AgentRunner(new SleepingMillisIdleStrategy(1), new AgentErrorHandler("topic-follower"), null, follower);
            AgentRunner.startOnThread(runner);
            final TickerServer server = TickerServer.start(serverConfiguration, journal, new FleetStatusSource(follower.status()));
            return new FleetEdge(follower, runner, server);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(runner);
            CloseHelper.quietClose(follower);
            throw ex;
        }
    }

    public FleetStatus status()
    {
        return follower.status();
    }

    public TickerServer server()
    {
        return server;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(server, runner, follower);
    }
}

package dev.ticker.server.session;

import dev.ticker.proto.v1.Error;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.limits.ConnectionLimiter;
import dev.ticker.server.limits.PendingHandshakes;
import dev.ticker.server.metrics.ConnectionCounters;
import dev.ticker.server.metrics.ServerCounters;
import dev.ticker.server.security.AccessToken;
import dev.ticker.server.security.ConnectionGuard;
import dev.ticker.server.security.ConnectionGuards;
import dev.ticker.server.stream.FanOut;
import dev.ticker.server.ws.CloseCodes;
import dev.ticker.server.ws.WebSocketConnection;
import dev.ticker.server.ws.WebSocketUpgrade;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where upgraded WebSocket connections arrive, on their IO thread: accepts them within the
 * connection limits, gives each a session, a {@link ClientConnection} that reads its messages and
 * the socket of its own, and hands them to the fan-out agent of that IO thread as
 * {@link SessionCommand}s. It writes to a socket only to turn a connection away: over a connection
 * limit, or when the agent's command queue is full, or to say why the frame reader refused it.
 *
 * <p>A connection over a limit is accepted and then closed with an Error and close code 1013
 * rather than refused with an HTTP status, because a browser's WebSocket API hides the status of a
 * failed handshake: a dashboard could not tell "full, come back later" from "server down".
 */
public final class StreamEndpoint implements WebSocketUpgrade.Acceptor
{
    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);
    /** RFC 6455 close code 1013, "try again later". */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;
    private static final long CLOSED_RETRY_MS = 1;

    private final ServerConfiguration configuration;
    private final FanOut fanOut;
    private final ServerCounters serverCounters;
    private final ConnectionCounters connectionCounters;
    private final ConnectionLimiter limiter;
    private final PendingHandshakes pendingHandshakes;
    private final ConnectionGuards guards;
    private final long closeTimeoutNs;
    private final AtomicLong sessionIds = new AtomicLong();

    public StreamEndpoint(
        final ServerConfiguration configuration,
        final FanOut fanOut,
        final ServerCounters serverCounters,
        final ConnectionCounters connectionCounters,
        final ConnectionLimiter limiter,
        final PendingHandshakes pendingHandshakes,
        final ConnectionGuards guards)
    {
        this.pendingHandshakes = pendingHandshakes;
        this.guards = guards;
        this.configuration = configuration;
        this.fanOut = fanOut;
        this.serverCounters = serverCounters;
        this.connectionCounters = connectionCounters;
        this.limiter = limiter;
        this.closeTimeoutNs = TimeUnit.MILLISECONDS.toNanos(configuration.closeTimeoutMs());
    }

    @Override
    public void onUpgraded(final StreamConnection stream, final InetSocketAddress peer)
    {
        onUpgraded(stream, peer, AccessToken.ANONYMOUS);
    }

    /** A connection let in with {@code token}: it may do what the token entitles, until it expires. */
    public void onUpgraded(final StreamConnection stream, final InetSocketAddress peer, final AccessToken token)
    {
        final XnioIoThread thread = stream.getIoThread();
        final InetAddress address = peer.getAddress();
        final ConnectionCounters.Refusal refusal = limiter.tryAcquire(address);
        if (null != refusal)
        {
            refuse(stream, refusal, address);
            pendingHandshakes.holdUntilClosed(stream, address);
            return;
        }
        final Session session = new Session(sessionIds.incrementAndGet(), String.valueOf(peer), configuration.maxSessionBufferBytes());
        final ConnectionGuard guard = guards.open(token, session.id, String.valueOf(peer));
        if (null == guard)
        {
            limiter.release(address);
            refuse(stream, "subject " + token.subject() + " has " + token.entitlements().maxConnections() +
                " connections open, as many as its token allows (max_connections); close one first");
            return;
        }
        final ManyToOneConcurrentArrayQueue<SessionCommand> commands = fanOut.commandsFor(thread);
        final ClientConnection client = new ClientConnection(this, session, address, System.nanoTime(), thread, commands, guard);
        final WebSocketConnection connection = new WebSocketConnection(stream, fanOut.buffersFor(thread),
            configuration.maxInboundMessageBytes(), closeTimeoutNs, SystemNanoClock.INSTANCE, client);
        session.connection = connection;
        if (!commands.offer(new SessionCommand.Opened(session)))
        {
            limiter.release(address);
            connectionCounters.onRefused(ConnectionCounters.Refusal.SERVER_BUSY);
            LOG.warn("{}: fan-out command queue full, closing connection", session);
            connection.start();
            connection.close(CLOSE_TRY_AGAIN_LATER, "server busy, try again later");
            return;
        }
        connectionCounters.onOpened();
        client.open(connection);
    }

    ServerConfiguration configuration()
    {
        return configuration;
    }

    ConnectionCounters connectionCounters()
    {
        return connectionCounters;
    }

    /** Hands a command to the fan-out agent, or closes the connection when the agent is too far behind to take it. */
    boolean offer(final ManyToOneConcurrentArrayQueue<SessionCommand> commands, final SessionCommand command)
    {
        if (commands.offer(command))
        {
            return true;
        }
        // The agent is far behind: refusing one client is better than stalling them all.
        LOG.warn("{}: fan-out command queue full, closing connection", command.session());
        command.session().connection.close(CLOSE_TRY_AGAIN_LATER, "server busy, try again later");
        return false;
    }

    /**
     * The frame reader refused what the peer sent: the Error saying why goes at once, ahead of the
     * close frame the connection sends when this returns.
     */
    void onTransportViolation(final Session session, final ErrorCode code, final int closeCode, final String text)
    {
        serverCounters.onError(code);
        LOG.info("{}: closing with {}: {}", session, closeCode, text);
        session.connection.offerControl(ControlMessages.frameOf(ServerMessage.newBuilder()
            .setError(Error.newBuilder().setCode(code).setMessage(text)).build()));
    }

    /** Tells the client why part of its request was not served; the connection stays open. */
    void sendError(final Session session, final ErrorCode code, final String text, final int requestId)
    {
        serverCounters.onError(code);
        session.connection.offerControl(ControlMessages.frameOf(ServerMessage.newBuilder()
            .setError(Error.newBuilder().setCode(code).setMessage(text).setRequestId(requestId)).build()));
    }

    /** The connection has ended: the agent must learn of it, or it would keep the session. */
    void onClosed(final ClientConnection client)
    {
        limiter.release(client.address);
        connectionCounters.onClosed(client.closeCode());
        offerClosed(client);
    }

    private void offerClosed(final ClientConnection client)
    {
        if (!client.commands.offer(new SessionCommand.Closed(client.session)))
        {
            // retried until the queue takes it
            client.thread.executeAfter(() -> offerClosed(client), CLOSED_RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void refuse(final StreamConnection stream, final ConnectionCounters.Refusal refusal, final InetAddress address)
    {
        connectionCounters.onRefused(refusal);
        serverCounters.onError(ErrorCode.ERROR_CODE_TOO_MANY_CONNECTIONS);
        final String text = refusal == ConnectionCounters.Refusal.MAX_CONNECTIONS ?
            "the server has " + limiter.maxConnections() + " connections open, its limit (maxConnections); try again later" :
            "address " + address.getHostAddress() + " has " + limiter.maxConnectionsPerAddress() +
            " connections open, the limit per address (maxConnectionsPerAddress); try again later";
        if (connectionCounters.refused(refusal) == 1)
        {
            // a crowd over the limit must not flood the log: the rest are counted in /metrics
            LOG.info("{}: connection refused: {} (further refusals are counted in ticker_connections_refused_total)",
                address, text);
        }
        else
        {
            LOG.debug("{}: connection refused: {}", address, text);
        }
        refuse(stream, text);
    }

    /** Accepts the connection only to say why it may not stay, with TOO_MANY_CONNECTIONS and 1013. */
    private void refuse(final StreamConnection stream, final String text)
    {
        final WebSocketConnection refused = new WebSocketConnection(stream, fanOut.buffersFor(stream.getIoThread()),
            configuration.maxInboundMessageBytes(),
            closeTimeoutNs, SystemNanoClock.INSTANCE, DISCARDING);
        refused.start();
        refused.offerControl(ControlMessages.frameOf(ServerMessage.newBuilder()
            .setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_TOO_MANY_CONNECTIONS).setMessage(text)).build()));
        refused.close(CLOSE_TRY_AGAIN_LATER, "too many connections, try again later");
    }

    /** A turned-away client: its messages go nowhere; its answer to the close frame ends the connection. */
    private static final WebSocketConnection.Listener DISCARDING = new WebSocketConnection.Listener()
    {
        @Override
        public void onMessage(final ByteBuffer payload)
        {
        }

        @Override
        public void onTextMessage()
        {
        }

        @Override
        public void onViolation(final int closeCode, final String why)
        {
        }

        @Override
        public void onDrained()
        {
        }

        @Override
        public void onClosed()
        {
        }
    };
}

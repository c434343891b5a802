package dev.ticker.server.session;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.limits.ControlRateLimiter;
import dev.ticker.server.metrics.ConnectionCounters;
import dev.ticker.server.security.ConnectionGuard;
import dev.ticker.server.ws.CloseCodes;
import dev.ticker.server.ws.WebSocketConnection;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The inbound side of one WebSocket connection, on its IO thread (which is also the thread of its
 * fan-out agent): takes client messages within the rate limit and hands them to the agent as
 * commands, answers what the frame reader refuses (a broken frame, a message over the size limit,
 * invalid UTF-8) with an Error before the connection closes, pings the peer and closes it when it
 * stops answering, and tells the endpoint when the connection has ended.
 */
final class ClientConnection implements WebSocketConnection.Listener
{
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    final Session session;
    final InetAddress address;
    /** The IO thread of the connection, whose fan-out agent owns the session. */
    final XnioIoThread thread;
    /** That agent's commands. */
    final ManyToOneConcurrentArrayQueue<SessionCommand> commands;
    /** The connection's token, its entitlements and expiry. */
    final ConnectionGuard guard;
    private final StreamEndpoint endpoint;
    private final ServerConfiguration configuration;
    private final ConnectionCounters counters;
    private final ControlRateLimiter rateLimiter;
    private final long pingTimeoutNs;
    private final Runnable onPingTimer = this::onPingTimer;

    private WebSocketConnection connection;
    private XnioExecutor.Key pingTimer;
    private boolean violated;
    private boolean timedOut;

    ClientConnection(
        final StreamEndpoint endpoint,
        final Session session,
        final InetAddress address,
        final long nowNs,
        final XnioIoThread thread,
        final ManyToOneConcurrentArrayQueue<SessionCommand> commands,
        final ConnectionGuard guard)
    {
        this.thread = thread;
        this.guard = guard;
        this.commands = commands;
        this.endpoint = endpoint;
        this.configuration = endpoint.configuration();
        this.counters = endpoint.connectionCounters();
        this.session = session;
        this.address = address;
        this.rateLimiter = new ControlRateLimiter(
            configuration.maxControlMessagesPerSecond(), configuration.controlMessageBurst(), nowNs);
        this.pingTimeoutNs = TimeUnit.MILLISECONDS.toNanos(configuration.pingTimeoutMs());
    }

    /** Starts reading client messages on {@code connection} and, when configured, pinging. */
    void open(final WebSocketConnection connection)
    {
        this.connection = connection;
        connection.start();
        guard.start(new GuardedClient());
        if (configuration.pingIntervalMs() > 0)
        {
            pingTimer = thread.executeAtInterval(onPingTimer, configuration.pingIntervalMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** The code the connection ended with: the first close frame's, whoever sent it, or 1006 without one. */
    int closeCode()
    {
        return connection.closeCode();
    }

    @Override
    public void onMessage(final ByteBuffer payload)
    {
        if (!admit())
        {
            return;
        }
        final int size = payload.remaining();
        try
        {
            final ClientMessage message = guard.admit(ClientMessage.parseFrom(payload));
            if (null != message)
            {
                endpoint.offer(commands, new SessionCommand.Received(session, message));
            }
        }
        catch (final InvalidProtocolBufferException ex)
        {
            violation(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE, CloseCodes.INVALID_PAYLOAD,
                "binary message of " + size + " bytes is not a valid ticker.v1.ClientMessage: " + ex.getMessage());
        }
    }

    @Override
    public void onTextMessage()
    {
        if (admit())
        {
            violation(ErrorCode.ERROR_CODE_UNSUPPORTED_FRAME, CloseCodes.UNSUPPORTED_DATA,
                "text frames are not part of the protocol: send binary ticker.v1.ClientMessage frames");
        }
    }

    /**
     * The frame reader refused what the peer sent; the connection closes with {@code closeCode} as
     * soon as this returns, so the Error that says why goes now, ahead of the close frame.
     */
    @Override
    public void onViolation(final int closeCode, final String why)
    {
        if (violated)
        {
            return;
        }
        violated = true;
        final ErrorCode code = closeCode == CloseCodes.MESSAGE_TOO_BIG ? ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE :
            ErrorCode.ERROR_CODE_MALFORMED_MESSAGE;
        final String text = closeCode == CloseCodes.MESSAGE_TOO_BIG ?
            why + ": the limit is maxInboundMessageBytes=" + configuration.maxInboundMessageBytes() : why;
        endpoint.onTransportViolation(session, code, closeCode, text);
    }

    @Override
    public void onDrained()
    {
        // the agent sees the socket owe nothing at its next duty cycle and sends what waits
    }

    @Override
    public void onClosed()
    {
        final XnioExecutor.Key timer = pingTimer;
        if (null != timer)
        {
            timer.remove();
        }
        guard.onClosed(null == connection ? CloseCodes.ABNORMAL : connection.closeCode());
        endpoint.onClosed(this);
    }

    /** Whether the next client message may be acted on; a message over the rate closes the connection. */
    private boolean admit()
    {
        if (violated)
        {
            return false;
        }
        if (!rateLimiter.tryAcquire(System.nanoTime()))
        {
            counters.onRateLimited();
            violation(ErrorCode.ERROR_CODE_RATE_LIMITED, CloseCodes.POLICY_VIOLATION,
                "more than " + configuration.controlMessageBurst() + " client messages at once or " +
                configuration.maxControlMessagesPerSecond() + " per second: the limits are controlMessageBurst=" +
                configuration.controlMessageBurst() + " and maxControlMessagesPerSecond=" +
                configuration.maxControlMessagesPerSecond());
            return false;
        }
        return true;
    }

    /** The agent tells the client and closes; every later message of the connection is discarded. */
    private void violation(final ErrorCode code, final int closeCode, final String text)
    {
        if (!violated)
        {
            violated = true;
            endpoint.offer(commands, new SessionCommand.Violation(session, code, closeCode, text));
        }
    }

    /** What the connection's guard may do to it: answer, close, set timers, read its figures. */
    private final class GuardedClient implements ConnectionGuard.Client
    {
        @Override
        public void sendError(final ErrorCode code, final String text, final int requestId)
        {
            endpoint.sendError(session, code, text, requestId);
        }

        @Override
        public void closeWithError(final ErrorCode code, final int closeCode, final String text)
        {
            violation(code, closeCode, text);
        }

        @Override
        public Runnable schedule(final Runnable task, final long delayMs)
        {
            final XnioExecutor.Key key = thread.executeAfter(task, delayMs, TimeUnit.MILLISECONDS);
            return key::remove;
        }

        @Override
        public long ticksSent()
        {
            return session.ticksSent;
        }

        @Override
        public long bytesSent()
        {
            return connection.bytesSent();
        }
    }

    private void onPingTimer()
    {
        if (timedOut)
        {
            // a dead peer had one interval to take the close frame
            connection.abort();
            return;
        }
        if (!connection.isOpen())
        {
            // closing already: the connection's close timeout cuts off a peer that does not answer
            return;
        }
        if (System.nanoTime() - connection.lastHeardNs() >= pingTimeoutNs)
        {
            timedOut = true;
            counters.onPingTimeout();
            LOG.info("{}: nothing received for {} ms, not even a pong: closing as dead", session, configuration.pingTimeoutMs());
            connection.close(CloseCodes.GOING_AWAY, "no answer to pings for " + configuration.pingTimeoutMs() + " ms");
            return;
        }
        connection.sendPing();
    }
}

package dev.ticker.server;

import dev.ticker.proto.v1.Error;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.ServerMessage;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioIoThread;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WebSocket side of the protocol, run on Undertow's IO threads: accepts connections within the
 * connection limits, gives each a {@link ClientConnection} that reads its messages, and hands
 * them to the stream agent as {@link SessionCommand}s. It never touches session state, and writes
 * to a socket only to turn a connection away: over a connection limit, or when the agent's command
 * queue is full.
 *
 * <p>A connection over a limit is accepted and then closed with an Error and close code 1013
 * rather than refused with an HTTP status, because a browser's WebSocket API hides the status of a
 * failed handshake: a dashboard could not tell "full, come back later" from "server down".
 */
final class StreamEndpoint implements WebSocketConnectionCallback
{
    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);
    /** RFC 6455 close code 1013, "try again later"; Undertow names no constant for it. */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;
    /** A turned-away client that does not answer the close frame in this time is disconnected. */
    private static final long REFUSED_CLOSE_TIMEOUT_MS = 5_000;
    private static final long CLOSED_RETRY_MS = 1;

    private final ServerConfiguration configuration;
    private final FanOut fanOut;
    private final ServerCounters serverCounters;
    private final ConnectionCounters connectionCounters;
    private final ConnectionLimiter limiter;
    private final AtomicLong sessionIds = new AtomicLong();

    StreamEndpoint(
        final ServerConfiguration configuration,
        final FanOut fanOut,
        final ServerCounters serverCounters,
        final ConnectionCounters connectionCounters,
        final ConnectionLimiter limiter)
    {
        this.configuration = configuration;
        this.fanOut = fanOut;
        this.serverCounters = serverCounters;
        this.connectionCounters = connectionCounters;
        this.limiter = limiter;
    }

    @Override
    public void onConnect(final WebSocketHttpExchange exchange, final WebSocketChannel channel)
    {
        final InetAddress address = channel.getSourceAddress().getAddress();
        final ConnectionCounters.Refusal refusal = limiter.tryAcquire(address);
        if (null != refusal)
        {
            refuse(channel, refusal, address);
            return;
        }
        final Session session = new Session(sessionIds.incrementAndGet(), channel, configuration.maxSessionBufferBytes());
        final ClientConnection connection = new ClientConnection(this, session, address, System.nanoTime());
        final boolean opened = fanOut.commandsFor(channel.getIoThread()).offer(new SessionCommand.Opened(session));
        channel.addCloseTask(closed -> onClosed(connection, opened));
        if (!opened)
        {
            connectionCounters.onRefused(ConnectionCounters.Refusal.SERVER_BUSY);
            busy(session);
            return;
        }
        connectionCounters.onOpened();
        connection.open();
    }

    ServerConfiguration configuration()
    {
        return configuration;
    }

    ConnectionCounters connectionCounters()
    {
        return connectionCounters;
    }

    /** Hands a command to the stream agent, or closes the connection when the agent is too far behind to take it. */
    boolean offer(final SessionCommand command)
    {
        if (fanOut.commandsFor(command.session().channel.getIoThread()).offer(command))
        {
            return true;
        }
        busy(command.session());
        return false;
    }

    private void busy(final Session session)
    {
        // The agent is far behind: refusing one client is better than stalling them all.
        LOG.warn("{}: stream agent command queue full, closing connection", session);
        WebSockets.sendClose(CLOSE_TRY_AGAIN_LATER, "server busy, try again later", session.channel, null);
        IoUtils.safeClose(session.channel);
    }

    private void onClosed(final ClientConnection connection, final boolean opened)
    {
        connection.onChannelClosed();
        limiter.release(connection.address);
        if (opened)
        {
            connectionCounters.onClosed(connection.closeCode());
            offerClosed(connection.session, connection.session.channel.getIoThread());
        }
    }

    /** The agent must learn of every close, or it would keep the session: retried until the queue takes it. */
    private void offerClosed(final Session session, final XnioIoThread thread)
    {
        if (!fanOut.commandsFor(thread).offer(new SessionCommand.Closed(session)))
        {
            thread.executeAfter(() -> offerClosed(session, thread), CLOSED_RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void refuse(final WebSocketChannel channel, final ConnectionCounters.Refusal refusal, final InetAddress address)
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
                channel.getSourceAddress(), text);
        }
        else
        {
            LOG.debug("{}: connection refused: {}", channel.getSourceAddress(), text);
        }
        final ServerMessage error = ServerMessage.newBuilder()
            .setError(Error.newBuilder().setCode(ErrorCode.ERROR_CODE_TOO_MANY_CONNECTIONS).setMessage(text))
            .build();
        channel.getReceiveSetter().set(DISCARDING);
        channel.resumeReceives();
        WebSockets.sendBinary(ByteBuffer.wrap(error.toByteArray()), channel, null);
        WebSockets.sendClose(CLOSE_TRY_AGAIN_LATER, "too many connections, try again later", channel, null);
        channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), REFUSED_CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** Reads a turned-away client's messages to nowhere, so that its answer to the close frame is seen. */
    private static final AbstractReceiveListener DISCARDING = new AbstractReceiveListener()
    {
        private final InboundMessageReader.Sink nowhere = new InboundMessageReader.Sink()
        {
            @Override
            public void onActivity()
            {
            }

            @Override
            public void onMessage(final ByteBuffer message)
            {
            }

            @Override
            public void onTooLarge(final long bytesSoFar)
            {
            }

            @Override
            public void onReadError(final IOException error)
            {
            }
        };

        @Override
        protected void onBinary(final WebSocketChannel channel, final StreamSourceFrameChannel message)
        {
            new InboundMessageReader(nowhere, 0, false).start(message);
        }

        @Override
        protected void onText(final WebSocketChannel channel, final StreamSourceFrameChannel message)
        {
            new InboundMessageReader(nowhere, 0, false).start(message);
        }
    };
}

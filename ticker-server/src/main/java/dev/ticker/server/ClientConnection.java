package dev.ticker.server;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ErrorCode;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The edge of one WebSocket connection, on its Undertow IO thread: reads client messages within
 * the size and rate limits and hands them to the stream agent, pings the peer and closes it when
 * it stops answering, and works out the close code the connection ended with. Protocol errors go
 * to the stream agent as {@link SessionCommand.Violation}s, so that only the agent writes
 * protocol messages to the client; this class writes control frames only (ping, and the close of a
 * dead peer).
 */
final class ClientConnection extends AbstractReceiveListener implements InboundMessageReader.Sink
{
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    final Session session;
    final InetAddress address;
    private final StreamEndpoint endpoint;
    private final ServerConfiguration configuration;
    private final ConnectionCounters counters;
    private final WebSocketChannel channel;
    private final ControlRateLimiter rateLimiter;
    private final long pingTimeoutNs;
    private final Runnable onPingTimer = this::onPingTimer;

    private volatile long lastHeardNs;
    private XnioExecutor.Key pingTimer;
    private boolean violated;
    private boolean timedOut;
    private boolean closing;
    private long closingSinceNs;

    private volatile boolean peerClosed;
    private volatile boolean peerVanished;
    private volatile boolean serverClosedFirst;
    private volatile int serverCloseCode;
    private volatile int peerCloseCode;

    ClientConnection(final StreamEndpoint endpoint, final Session session, final InetAddress address, final long nowNs)
    {
        this.endpoint = endpoint;
        this.configuration = endpoint.configuration();
        this.counters = endpoint.connectionCounters();
        this.session = session;
        this.address = address;
        this.channel = session.channel;
        this.rateLimiter = new ControlRateLimiter(
            configuration.maxControlMessagesPerSecond(), configuration.controlMessageBurst(), nowNs);
        this.pingTimeoutNs = TimeUnit.MILLISECONDS.toNanos(configuration.pingTimeoutMs());
        this.lastHeardNs = nowNs;
    }

    /** Starts reading client messages and, when configured, pinging. */
    void open()
    {
        channel.getReceiveSetter().set(this);
        channel.resumeReceives();
        if (configuration.pingIntervalMs() > 0)
        {
            pingTimer = channel.getIoThread().executeAtInterval(onPingTimer, configuration.pingIntervalMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** The connection has closed: stops the pings. */
    void onChannelClosed()
    {
        final XnioExecutor.Key timer = pingTimer;
        if (null != timer)
        {
            timer.remove();
        }
    }

    /**
     * The code the connection ended with: the first close frame's, whoever sent it, or 1006 when
     * the connection ended without one (the peer vanished, or a dead peer was cut off).
     */
    int closeCode()
    {
        if (peerClosed)
        {
            return serverClosedFirst ? serverCloseCode : peerCloseCode;
        }
        if (peerVanished || !channel.isCloseFrameSent())
        {
            return ConnectionCounters.CLOSE_ABNORMAL;
        }
        return channel.getCloseCode();
    }

    @Override
    protected void onBinary(final WebSocketChannel channel, final StreamSourceFrameChannel message)
    {
        onActivity();
        new InboundMessageReader(this, configuration.maxInboundMessageBytes(), admit()).start(message);
    }

    @Override
    protected void onText(final WebSocketChannel channel, final StreamSourceFrameChannel message)
    {
        onActivity();
        if (admit())
        {
            violation(ErrorCode.ERROR_CODE_UNSUPPORTED_FRAME, CloseMessage.WRONG_CODE,
                "text frames are not part of the protocol: send binary ticker.v1.ClientMessage frames");
        }
        new InboundMessageReader(this, configuration.maxInboundMessageBytes(), false).start(message);
    }

    @Override
    protected void onPong(final WebSocketChannel channel, final StreamSourceFrameChannel message) throws IOException
    {
        onActivity();
        super.onPong(channel, message);
    }

    @Override
    protected void onPing(final WebSocketChannel channel, final StreamSourceFrameChannel message) throws IOException
    {
        onActivity();
        super.onPing(channel, message);
    }

    @Override
    protected void onClose(final WebSocketChannel channel, final StreamSourceFrameChannel message) throws IOException
    {
        onActivity();
        serverClosedFirst = channel.isCloseFrameSent();
        serverCloseCode = channel.getCloseCode();
        peerClosed = true;
        super.onClose(channel, message);
    }

    @Override
    protected void onCloseMessage(final CloseMessage message, final WebSocketChannel channel)
    {
        if (peerClosed)
        {
            peerCloseCode = message.getCode();
        }
        else
        {
            // Undertow reports the end of the stream without a close frame as a close message
            peerVanished = true;
        }
    }

    @Override
    protected void onError(final WebSocketChannel channel, final Throwable error)
    {
        LOG.debug("{}: connection error: {}", session, error.toString());
        super.onError(channel, error);
    }

    @Override
    public void onActivity()
    {
        lastHeardNs = System.nanoTime();
    }

    @Override
    public void onMessage(final ByteBuffer message)
    {
        final int size = message.remaining();
        try
        {
            endpoint.offer(new SessionCommand.Received(session, ClientMessage.parseFrom(message)));
        }
        catch (final InvalidProtocolBufferException ex)
        {
            violation(ErrorCode.ERROR_CODE_MALFORMED_MESSAGE, CloseMessage.MSG_CONTAINS_INVALID_DATA,
                "binary message of " + size + " bytes is not a valid ticker.v1.ClientMessage: " + ex.getMessage());
        }
    }

    @Override
    public void onTooLarge(final long bytesSoFar)
    {
        violation(ErrorCode.ERROR_CODE_MESSAGE_TOO_LARGE, CloseMessage.MSG_TOO_BIG,
            "message of more than " + configuration.maxInboundMessageBytes() + " bytes (" + bytesSoFar +
            " so far): the limit is maxInboundMessageBytes=" + configuration.maxInboundMessageBytes());
    }

    @Override
    public void onReadError(final IOException error)
    {
        onError(channel, error);
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
            violation(ErrorCode.ERROR_CODE_RATE_LIMITED, CloseMessage.MSG_VIOLATES_POLICY,
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
            endpoint.offer(new SessionCommand.Violation(session, code, closeCode, text));
        }
    }

    private void onPingTimer()
    {
        if (!channel.isOpen() || timedOut)
        {
            // a dead peer had one interval to take the close frame
            IoUtils.safeClose(channel);
            return;
        }
        final long nowNs = System.nanoTime();
        if (channel.isCloseFrameSent())
        {
            // closing: a peer that does not answer the close frame within the timeout is cut off
            if (!closing)
            {
                closing = true;
                closingSinceNs = nowNs;
            }
            else if (nowNs - closingSinceNs >= pingTimeoutNs)
            {
                IoUtils.safeClose(channel);
            }
            return;
        }
        if (nowNs - lastHeardNs >= pingTimeoutNs)
        {
            timedOut = true;
            counters.onPingTimeout();
            LOG.info("{}: nothing received for {} ms, not even a pong: closing as dead", session, configuration.pingTimeoutMs());
            WebSockets.sendClose(CloseMessage.GOING_AWAY, "no answer to pings for " + configuration.pingTimeoutMs() + " ms",
                channel, CLOSE_WHEN_SENT);
            return;
        }
        WebSockets.sendPing(ByteBuffer.allocate(0), channel, null);
    }

    /** Closes the connection once the close frame is out, without waiting for a dead peer's answer. */
    private static final WebSocketCallback<Void> CLOSE_WHEN_SENT = new WebSocketCallback<>()
    {
        @Override
        public void complete(final WebSocketChannel channel, final Void context)
        {
            IoUtils.safeClose(channel);
        }

        @Override
        public void onError(final WebSocketChannel channel, final Void context, final Throwable throwable)
        {
            IoUtils.safeClose(channel);
        }
    };
}

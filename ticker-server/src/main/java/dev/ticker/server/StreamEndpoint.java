package dev.ticker.server;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ErrorCode;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.Pooled;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WebSocket side of the protocol, run on Undertow's IO threads: accepts connections, reads
 * whole client messages (capped in size), decodes them and hands them to the stream agent as
 * {@link SessionCommand}s. It never touches session state and never writes to a socket, except
 * to refuse a connection when the agent's command queue is full.
 */
final class StreamEndpoint implements WebSocketConnectionCallback
{
    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);
    /** RFC 6455 close code 1013, "try again later"; Undertow names no constant for it. */
    private static final int CLOSE_TRY_AGAIN_LATER = 1013;

    private final ServerConfiguration configuration;
    private final ManyToOneConcurrentArrayQueue<SessionCommand> commands;
    private final AtomicLong sessionIds = new AtomicLong();

    StreamEndpoint(final ServerConfiguration configuration, final ManyToOneConcurrentArrayQueue<SessionCommand> commands)
    {
        this.configuration = configuration;
        this.commands = commands;
    }

    @Override
    public void onConnect(final WebSocketHttpExchange exchange, final WebSocketChannel channel)
    {
        final Session session = new Session(sessionIds.incrementAndGet(), channel, configuration.maxSessionBufferBytes());
        if (!offer(new SessionCommand.Opened(session)))
        {
            return;
        }
        channel.addCloseTask(closed -> offer(new SessionCommand.Closed(session)));
        channel.getReceiveSetter().set(new Listener(session));
        channel.resumeReceives();
    }

    private boolean offer(final SessionCommand command)
    {
        if (commands.offer(command))
        {
            return true;
        }
        // The agent is far behind: refusing one client is better than stalling them all.
        LOG.warn("{}: stream agent command queue full, closing connection", command.session());
        WebSockets.sendClose(CLOSE_TRY_AGAIN_LATER, "server busy, try again later", command.session().channel, null);
        IoUtils.safeClose(command.session().channel);
        return false;
    }

    private final class Listener extends AbstractReceiveListener
    {
        private final Session session;

        Listener(final Session session)
        {
            this.session = session;
        }

        @Override
        protected long getMaxBinaryBufferSize()
        {
            return configuration.maxInboundMessageBytes();
        }

        @Override
        protected long getMaxTextBufferSize()
        {
            return configuration.maxInboundMessageBytes();
        }

        @Override
        @SuppressWarnings("deprecation") // Undertow's BufferedBinaryMessage hands out XNIO's Pooled
        protected void onFullBinaryMessage(final WebSocketChannel channel, final BufferedBinaryMessage message)
        {
            final Pooled<ByteBuffer[]> data = message.getData();
            try
            {
                final ByteBuffer bytes = WebSockets.mergeBuffers(data.getResource());
                final int size = bytes.remaining();
                try
                {
                    offer(new SessionCommand.Received(session, ClientMessage.parseFrom(bytes)));
                }
                catch (final InvalidProtocolBufferException ex)
                {
                    offer(new SessionCommand.Violation(session, ErrorCode.ERROR_CODE_MALFORMED_MESSAGE,
                        CloseMessage.MSG_CONTAINS_INVALID_DATA, "binary message of " + size +
                        " bytes is not a valid ticker.v1.ClientMessage: " + ex.getMessage()));
                }
            }
            finally
            {
                data.free();
            }
        }

        @Override
        protected void onFullTextMessage(final WebSocketChannel channel, final BufferedTextMessage message)
        {
            offer(new SessionCommand.Violation(session, ErrorCode.ERROR_CODE_UNSUPPORTED_FRAME,
                CloseMessage.WRONG_CODE,
                "text frames are not part of the protocol: send binary ticker.v1.ClientMessage frames"));
        }

        @Override
        protected void onError(final WebSocketChannel channel, final Throwable error)
        {
            // Undertow has already sent close 1009 when a message was over the size limit.
            LOG.debug("{}: connection error: {}", session, error.toString());
            super.onError(channel, error);
        }
    }
}

package dev.ticker.server;

import dev.ticker.proto.v1.Error;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.ServerMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Sends the messages that are not data frames (acks, snapshots, errors, heartbeats) and closes
 * connections with a reason. These are rare next to ticks, so they are built as generated message
 * objects. Used on the stream agent thread only.
 */
final class ControlMessages
{
    private static final Logger LOG = LoggerFactory.getLogger(ControlMessages.class);
    /** Close reasons are limited to 123 bytes by RFC 6455. */
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final ServerCounters counters;

    ControlMessages(final ServerCounters counters)
    {
        this.counters = counters;
    }

    void send(final Session session, final ServerMessage message)
    {
        WebSockets.sendBinary(ByteBuffer.wrap(message.toByteArray()), session.channel, null);
    }

    void sendError(final Session session, final ErrorCode code, final String text, final int requestId)
    {
        sendError(session, code, text, requestId, 0);
    }

    void sendError(final Session session, final ErrorCode code, final String text, final int requestId, final long resumeSequence)
    {
        counters.onError(code);
        send(session, ServerMessage.newBuilder()
            .setError(Error.newBuilder().setCode(code).setMessage(text).setRequestId(requestId).setResumeSequence(resumeSequence))
            .build());
    }

    /** Sends the error, then the close frame, and marks the session closed. */
    void closeWithError(
        final Session session, final ErrorCode code, final int closeCode, final String text, final long resumeSequence)
    {
        counters.onError(code);
        LOG.info("{}: closing with {}: {}", session, closeCode, text);
        send(session, ServerMessage.newBuilder()
            .setError(Error.newBuilder().setCode(code).setMessage(text).setResumeSequence(resumeSequence))
            .build());
        WebSockets.sendClose(closeCode, closeReason(text), session.channel, CLOSE_AFTER_SEND);
        session.closed = true;
    }

    static String closeReason(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_CLOSE_REASON_BYTES)
        {
            return text;
        }
        int end = Math.min(text.length(), MAX_CLOSE_REASON_BYTES - 3);
        while (text.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES - 3)
        {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    private static final WebSocketCallback<Void> CLOSE_AFTER_SEND = new WebSocketCallback<>()
    {
        @Override
        public void complete(final WebSocketChannel channel, final Void context)
        {
            // the peer answers the close frame; Undertow then closes the connection
        }

        @Override
        public void onError(final WebSocketChannel channel, final Void context, final Throwable throwable)
        {
            IoUtils.safeClose(channel);
        }
    };
}

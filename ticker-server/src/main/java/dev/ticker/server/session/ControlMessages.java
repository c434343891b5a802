package dev.ticker.server.session;

import com.google.protobuf.CodedOutputStream;
import dev.ticker.proto.v1.Error;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.server.metrics.ServerCounters;
import dev.ticker.server.ws.FrameHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Sends the messages that are not data frames (acks, snapshots, errors, heartbeats) and closes
 * connections with a reason. These are rare next to ticks, so they are built as generated message
 * objects. Used on the stream agent thread only.
 */
public final class ControlMessages
{
    private static final Logger LOG = LoggerFactory.getLogger(ControlMessages.class);
    /** Close reasons are limited to 123 bytes by RFC 6455. */
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final ServerCounters counters;

    public ControlMessages(final ServerCounters counters)
    {
        this.counters = counters;
    }

    /**
     * Sends a message that is not a data frame. It goes even while the socket owes bytes, queued
     * behind them, and counts against the session's budget like every byte owed.
     */
    public void send(final Session session, final ServerMessage message)
    {
        session.connection.offerControl(frameOf(message));
    }

    /** {@code message} as a complete WebSocket binary frame. */
    static ByteBuffer frameOf(final ServerMessage message)
    {
        final int size = message.getSerializedSize();
        final int header = FrameHeaders.headerLength(size);
        final byte[] frame = new byte[header + size];
        FrameHeaders.writeHeader(frame, 0, FrameHeaders.OPCODE_BINARY, size);
        try
        {
            message.writeTo(CodedOutputStream.newInstance(frame, header, size));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("a message larger than its own serialized size", ex);
        }
        return ByteBuffer.wrap(frame);
    }

    public void sendError(final Session session, final ErrorCode code, final String text, final int requestId)
    {
        sendError(session, code, text, requestId, 0);
    }

    public void sendError(final Session session, final ErrorCode code, final String text, final int requestId, final long resumeSequence)
    {
        counters.onError(code);
        send(session, ServerMessage.newBuilder()
            .setError(Error.newBuilder().setCode(code).setMessage(text).setRequestId(requestId).setResumeSequence(resumeSequence))
            .build());
    }

    /** Sends the error, then the close frame, and marks the session closed. */
    public void closeWithError(
        final Session session, final ErrorCode code, final int closeCode, final String text, final long resumeSequence)
    {
        counters.onError(code);
        LOG.info("{}: closing with {}: {}", session, closeCode, text);
        send(session, ServerMessage.newBuilder()
            .setError(Error.newBuilder().setCode(code).setMessage(text).setResumeSequence(resumeSequence))
            .build());
        // after the error and whatever the socket still owes; a peer that takes none of it within
        // the close timeout is cut off, and its bytes are freed
        session.connection.close(closeCode, closeReason(text));
        session.markClosed();
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
}

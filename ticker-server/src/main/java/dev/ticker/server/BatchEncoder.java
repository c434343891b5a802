package dev.ticker.server;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.StatusChange;
import dev.ticker.proto.v1.Trade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Builds one {@code ServerMessage{data: DataBatch}} frame from journal ticks, writing the Protobuf
 * wire format straight into a reusable array so that adding a tick allocates nothing. Ticks are
 * written after a reserved gap; {@link #frame} then writes the envelope and the sequence range into
 * the end of that gap, so the frame is one contiguous slice without a copy.
 *
 * <pre>
 *   0            HEADER_RESERVE                                    HEADER_RESERVE + length
 *   |  (unused) | envelope tag+len, range |  Tick  |  Tick  | ... |
 *                ^ frame start
 * </pre>
 *
 * Field numbers come from the generated classes, so the bytes decode with the generated parser.
 * Not thread-safe.
 */
final class BatchEncoder
{
    /** Envelope tag (1) + length (5) + first_sequence (11) + last_sequence (11), rounded up. */
    static final int HEADER_RESERVE = 32;
    /** The largest encoded tick, with room to spare: ten fields of tag + 10-byte varint, plus nesting. */
    static final int MAX_TICK_BYTES = 128;

    private static final int TICKS_FIELD = DataBatch.TICKS_FIELD_NUMBER;
    private static final int TRADE_FIELD = dev.ticker.proto.v1.Tick.TRADE_FIELD_NUMBER;
    private static final int QUOTE_FIELD = dev.ticker.proto.v1.Tick.QUOTE_FIELD_NUMBER;
    private static final int STATUS_FIELD = dev.ticker.proto.v1.Tick.STATUS_FIELD_NUMBER;

    private final int maxBytes;
    private byte[] buffer;
    private CodedOutputStream out;
    private int length;
    private int tickCount;

    BatchEncoder(final int initialBytes, final int maxBytes)
    {
        this.maxBytes = maxBytes;
        this.buffer = new byte[Math.min(Math.max(initialBytes, HEADER_RESERVE + MAX_TICK_BYTES), maxBytes)];
        reset();
    }

    /** Empties the batch for reuse. */
    void reset()
    {
        length = 0;
        tickCount = 0;
        out = CodedOutputStream.newInstance(buffer, HEADER_RESERVE, buffer.length - HEADER_RESERVE);
    }

    /** Ticks in the batch. */
    int tickCount()
    {
        return tickCount;
    }

    /** Encoded bytes of the ticks in the batch. */
    int length()
    {
        return length;
    }

    /**
     * Adds a tick.
     *
     * @return false, adding nothing, when the batch would grow past its limit.
     */
    boolean add(final Tick tick)
    {
        final byte type = tick.type;
        final int kindField;
        final int bodySize;
        if (type == TickDescriptor.TYPE_TRADE)
        {
            kindField = TRADE_FIELD;
            bodySize = tradeSize(tick);
        }
        else if (type == TickDescriptor.TYPE_QUOTE)
        {
            kindField = QUOTE_FIELD;
            bodySize = quoteSize(tick);
        }
        else
        {
            kindField = STATUS_FIELD;
            bodySize = statusSize(tick);
        }
        final int tickSize = CodedOutputStream.computeTagSize(kindField) +
            CodedOutputStream.computeUInt32SizeNoTag(bodySize) + bodySize;
        final int total = CodedOutputStream.computeTagSize(TICKS_FIELD) + CodedOutputStream.computeUInt32SizeNoTag(tickSize) + tickSize;
        if (HEADER_RESERVE + length + total > buffer.length && !grow(HEADER_RESERVE + length + total))
        {
            return false;
        }
        try
        {
            out.writeTag(TICKS_FIELD, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(tickSize);
            out.writeTag(kindField, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(bodySize);
            if (type == TickDescriptor.TYPE_TRADE)
            {
                writeTrade(tick);
            }
            else if (type == TickDescriptor.TYPE_QUOTE)
            {
                writeQuote(tick);
            }
            else
            {
                writeStatus(tick);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("batch buffer overflow despite size check", ex);
        }
        length += total;
        tickCount++;
        return true;
    }

    /**
     * The complete frame for the ticks added, stating that it covers the journal range
     * [firstSequence, lastSequence]. The view is valid until the next {@link #reset()}.
     */
    ByteBuffer frame(final long firstSequence, final long lastSequence)
    {
        final int rangeSize = CodedOutputStream.computeUInt64Size(DataBatch.FIRST_SEQUENCE_FIELD_NUMBER, firstSequence) +
            CodedOutputStream.computeUInt64Size(DataBatch.LAST_SEQUENCE_FIELD_NUMBER, lastSequence);
        final int batchSize = rangeSize + length;
        final int headerSize = CodedOutputStream.computeTagSize(ServerMessage.DATA_FIELD_NUMBER) +
            CodedOutputStream.computeUInt32SizeNoTag(batchSize) + rangeSize;
        final int start = HEADER_RESERVE - headerSize;
        final CodedOutputStream header = CodedOutputStream.newInstance(buffer, start, headerSize);
        try
        {
            header.writeTag(ServerMessage.DATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            header.writeUInt32NoTag(batchSize);
            header.writeUInt64(DataBatch.FIRST_SEQUENCE_FIELD_NUMBER, firstSequence);
            header.writeUInt64(DataBatch.LAST_SEQUENCE_FIELD_NUMBER, lastSequence);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("frame header larger than its reserve", ex);
        }
        return ByteBuffer.wrap(buffer, start, headerSize + length);
    }

    private boolean grow(final int required)
    {
        if (required > maxBytes)
        {
            return false;
        }
        final int capacity = (int)Math.min(Math.max((long)buffer.length * 2, required), maxBytes);
        final byte[] grown = new byte[capacity];
        System.arraycopy(buffer, HEADER_RESERVE, grown, HEADER_RESERVE, length);
        buffer = grown;
        out = CodedOutputStream.newInstance(buffer, HEADER_RESERVE + length, capacity - HEADER_RESERVE - length);
        return true;
    }

    private static int tradeSize(final Tick tick)
    {
        return uint32Size(Trade.INSTRUMENT_ID_FIELD_NUMBER, tick.instrumentId) +
            uint64Size(Trade.SEQUENCE_FIELD_NUMBER, tick.sequence) +
            int64Size(Trade.EVENT_TIME_NS_FIELD_NUMBER, tick.eventTimeNs) +
            int64Size(Trade.PRICE_FIELD_NUMBER, tick.price) +
            int64Size(Trade.SIZE_FIELD_NUMBER, tick.size) +
            (tick.side == 0 ? 0 : CodedOutputStream.computeEnumSize(Trade.AGGRESSOR_FIELD_NUMBER, tick.side));
    }

    private void writeTrade(final Tick tick) throws IOException
    {
        writeUInt32(Trade.INSTRUMENT_ID_FIELD_NUMBER, tick.instrumentId);
        writeUInt64(Trade.SEQUENCE_FIELD_NUMBER, tick.sequence);
        writeInt64(Trade.EVENT_TIME_NS_FIELD_NUMBER, tick.eventTimeNs);
        writeInt64(Trade.PRICE_FIELD_NUMBER, tick.price);
        writeInt64(Trade.SIZE_FIELD_NUMBER, tick.size);
        if (tick.side != 0)
        {
            out.writeEnum(Trade.AGGRESSOR_FIELD_NUMBER, tick.side);
        }
    }

    private static int quoteSize(final Tick tick)
    {
        return uint32Size(Quote.INSTRUMENT_ID_FIELD_NUMBER, tick.instrumentId) +
            uint64Size(Quote.SEQUENCE_FIELD_NUMBER, tick.sequence) +
            int64Size(Quote.EVENT_TIME_NS_FIELD_NUMBER, tick.eventTimeNs) +
            int64Size(Quote.BID_PRICE_FIELD_NUMBER, tick.price) +
            int64Size(Quote.BID_SIZE_FIELD_NUMBER, tick.size) +
            int64Size(Quote.ASK_PRICE_FIELD_NUMBER, tick.askPrice) +
            int64Size(Quote.ASK_SIZE_FIELD_NUMBER, tick.askSize);
    }

    private void writeQuote(final Tick tick) throws IOException
    {
        writeUInt32(Quote.INSTRUMENT_ID_FIELD_NUMBER, tick.instrumentId);
        writeUInt64(Quote.SEQUENCE_FIELD_NUMBER, tick.sequence);
        writeInt64(Quote.EVENT_TIME_NS_FIELD_NUMBER, tick.eventTimeNs);
        writeInt64(Quote.BID_PRICE_FIELD_NUMBER, tick.price);
        writeInt64(Quote.BID_SIZE_FIELD_NUMBER, tick.size);
        writeInt64(Quote.ASK_PRICE_FIELD_NUMBER, tick.askPrice);
        writeInt64(Quote.ASK_SIZE_FIELD_NUMBER, tick.askSize);
    }

    private static int statusSize(final Tick tick)
    {
        return uint32Size(StatusChange.INSTRUMENT_ID_FIELD_NUMBER, tick.instrumentId) +
            uint64Size(StatusChange.SEQUENCE_FIELD_NUMBER, tick.sequence) +
            int64Size(StatusChange.EVENT_TIME_NS_FIELD_NUMBER, tick.eventTimeNs) +
            (tick.side == 0 ? 0 : CodedOutputStream.computeEnumSize(StatusChange.STATUS_FIELD_NUMBER, tick.side));
    }

    private void writeStatus(final Tick tick) throws IOException
    {
        writeUInt32(StatusChange.INSTRUMENT_ID_FIELD_NUMBER, tick.instrumentId);
        writeUInt64(StatusChange.SEQUENCE_FIELD_NUMBER, tick.sequence);
        writeInt64(StatusChange.EVENT_TIME_NS_FIELD_NUMBER, tick.eventTimeNs);
        if (tick.side != 0)
        {
            out.writeEnum(StatusChange.STATUS_FIELD_NUMBER, tick.side);
        }
    }

    // proto3 leaves fields at their default (zero) out of the encoding, as the generated code does

    private static int uint32Size(final int field, final int value)
    {
        return value == 0 ? 0 : CodedOutputStream.computeUInt32Size(field, value);
    }

    private static int uint64Size(final int field, final long value)
    {
        return value == 0 ? 0 : CodedOutputStream.computeUInt64Size(field, value);
    }

    private static int int64Size(final int field, final long value)
    {
        return value == 0 ? 0 : CodedOutputStream.computeInt64Size(field, value);
    }

    private void writeUInt32(final int field, final int value) throws IOException
    {
        if (value != 0)
        {
            out.writeUInt32(field, value);
        }
    }

    private void writeUInt64(final int field, final long value) throws IOException
    {
        if (value != 0)
        {
            out.writeUInt64(field, value);
        }
    }

    private void writeInt64(final int field, final long value) throws IOException
    {
        if (value != 0)
        {
            out.writeInt64(field, value);
        }
    }
}

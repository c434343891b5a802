package dev.ticker.server.stream;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.Bar;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.StatusChange;
import dev.ticker.proto.v1.Trade;
import dev.ticker.server.bars.BarSeries;
import dev.ticker.server.ws.FrameHeaders;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Builds one {@code ServerMessage{data: DataBatch}} frame from journal ticks, writing the Protobuf
 * wire format straight into a reusable array so that adding a tick allocates nothing. Ticks are
 * written after a reserved gap; {@link #frame} then writes the envelope and the sequence range into
 * the end of that gap, so the frame is one contiguous slice without a copy, and the same view of
 * the buffer is handed out for every frame: building a frame allocates nothing.
 *
 * <pre>
 *   0                     BODY_OFFSET                                    BODY_OFFSET + length
 *   |   (unused)  | WS hdr | envelope tag+len, range |  Tick  |  Tick  | ... |
 *                 ^ {@link #webSocketFrame} start
 *                          ^ {@link #frame} start
 * </pre>
 *
 * After the ticks come, in field order as the generated code writes them, the count of conflated
 * ticks and the bars. Field numbers come from the generated classes, so the bytes decode with the
 * generated parser. Not thread-safe.
 */
public final class BatchEncoder
{
    /** Envelope tag (1) + length (5) + first_sequence (11) + last_sequence (11), rounded up. */
    public static final int HEADER_RESERVE = 32;
    /** Room for the WebSocket frame header in front of the envelope (RFC 6455: at most 10 bytes from a server). */
    static final int FRAME_HEADER_RESERVE = FrameHeaders.LONG_HEADER_LENGTH;
    /** Where the ticks start in the buffer. */
    static final int BODY_OFFSET = FRAME_HEADER_RESERVE + HEADER_RESERVE;
    /** The largest encoded tick, with room to spare: ten fields of tag + 10-byte varint, plus nesting. */
    public static final int MAX_TICK_BYTES = 128;

    /** The largest encoded bar: ten fields of tag + 10-byte varint, plus nesting. */
    static final int MAX_BAR_BYTES = 128;

    private static final int TICKS_FIELD = DataBatch.TICKS_FIELD_NUMBER;
    private static final int BARS_FIELD = DataBatch.BARS_FIELD_NUMBER;
    private static final int TRADE_FIELD = dev.ticker.proto.v1.Tick.TRADE_FIELD_NUMBER;
    private static final int QUOTE_FIELD = dev.ticker.proto.v1.Tick.QUOTE_FIELD_NUMBER;
    private static final int STATUS_FIELD = dev.ticker.proto.v1.Tick.STATUS_FIELD_NUMBER;

    /** Bytes the body encoder stages before passing them into the buffer. */
    private static final int STAGING_BYTES = 1024;

    private final int maxBytes;
    private final Sink sink = new Sink();
    private final Sink headerSink = new Sink();
    private final CodedOutputStream out;
    private final CodedOutputStream header;
    private byte[] buffer;
    private ByteBuffer view;
    private int length;
    private int tickCount;
    private int barCount;

    public BatchEncoder(final int initialBytes, final int maxBytes)
    {
        this.maxBytes = maxBytes;
        this.buffer = new byte[Math.min(Math.max(initialBytes, BODY_OFFSET + MAX_TICK_BYTES), maxBytes + FRAME_HEADER_RESERVE)];
        this.view = ByteBuffer.wrap(buffer);
        // one encoder each for the body and the header, for life: they write through sinks into
        // the buffer at a position this class sets, so starting a batch allocates nothing
        this.out = CodedOutputStream.newInstance(sink, STAGING_BYTES);
        this.header = CodedOutputStream.newInstance(headerSink, HEADER_RESERVE);
        reset();
    }

    /** Empties the batch for reuse. */
    public void reset()
    {
        length = 0;
        tickCount = 0;
        barCount = 0;
        try
        {
            // whatever is still staged goes where it was meant to go, before the batch starts over
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        sink.position = BODY_OFFSET;
    }

    /** Bytes the batch's buffer holds now (it grows as bursts need). */
    public int capacity()
    {
        return buffer.length;
    }

    /** Ticks in the batch. */
    public int tickCount()
    {
        return tickCount;
    }

    /** Bars in the batch. */
    public int barCount()
    {
        return barCount;
    }

    /** Encoded bytes of the ticks (and bars) in the batch. */
    public int length()
    {
        return length;
    }

    /**
     * Adds a tick.
     *
     * @return false, adding nothing, when the batch would grow past its limit.
     */
    public boolean add(final Tick tick)
    {
        final byte type = tick.type;
        final int kindField = kindField(type);
        final int bodySize = bodySize(tick);
        final int tickSize = CodedOutputStream.computeTagSize(kindField) +
            CodedOutputStream.computeUInt32SizeNoTag(bodySize) + bodySize;
        final int total = CodedOutputStream.computeTagSize(TICKS_FIELD) + CodedOutputStream.computeUInt32SizeNoTag(tickSize) + tickSize;
        if (!ensure(total))
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
     * Adds a tick encoded once for every session by {@link EncodedTick}: its bytes are copied, not
     * encoded again.
     *
     * @return false, adding nothing, when the batch would grow past its limit.
     */
    public boolean addEncoded(final EncodedTick tick)
    {
        final int size = tick.length();
        if (!ensure(size))
        {
            return false;
        }
        try
        {
            out.writeRawBytes(tick.bytes(), tick.offset(), size);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("batch buffer overflow despite size check", ex);
        }
        length += size;
        tickCount++;
        return true;
    }

    /**
     * Appends every tick of {@code other}, a batch of ticks only, by copying its bytes.
     *
     * @return false, adding nothing, when the batch would grow past its limit.
     */
    public boolean addAll(final BatchEncoder other)
    {
        final int size = other.length;
        if (!ensure(size))
        {
            return false;
        }
        try
        {
            out.writeRawBytes(other.flushedBody(), BODY_OFFSET, size);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("batch buffer overflow despite size check", ex);
        }
        length += size;
        tickCount += other.tickCount;
        return true;
    }

    /** The buffer holding the batch's bytes from {@link #BODY_OFFSET} on, with every staged byte in place. */
    byte[] flushedBody()
    {
        try
        {
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return buffer;
    }

    /**
     * Adds the count of ticks merged away (DataBatch.conflated); call after the last tick and
     * before the first bar. Nothing is written for zero.
     *
     * @return false when the batch would grow past its limit.
     */
    public boolean conflated(final long count)
    {
        if (count == 0)
        {
            return true;
        }
        final int size = CodedOutputStream.computeUInt64Size(DataBatch.CONFLATED_FIELD_NUMBER, count);
        if (!ensure(size))
        {
            return false;
        }
        try
        {
            out.writeUInt64(DataBatch.CONFLATED_FIELD_NUMBER, count);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("batch buffer overflow despite size check", ex);
        }
        length += size;
        return true;
    }

    /**
     * Marks the batch as a replay frame (DataBatch.replay) at the replay clock's recorded time
     * (DataBatch.replay_time_ns); call after the ticks, the conflated count and the bars.
     *
     * @return false when the batch would grow past its limit.
     */
    public boolean replay(final long replayTimeNs)
    {
        final int size = CodedOutputStream.computeBoolSize(DataBatch.REPLAY_FIELD_NUMBER, true) +
            CodedOutputStream.computeInt64Size(DataBatch.REPLAY_TIME_NS_FIELD_NUMBER, replayTimeNs);
        if (!ensure(size))
        {
            return false;
        }
        try
        {
            out.writeBool(DataBatch.REPLAY_FIELD_NUMBER, true);
            out.writeInt64(DataBatch.REPLAY_TIME_NS_FIELD_NUMBER, replayTimeNs);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("batch buffer overflow despite size check", ex);
        }
        length += size;
        return true;
    }

    /**
     * Adds the state of a bar, {@code bars[offset..]} laid out as in {@link BarSeries}.
     *
     * @return false, adding nothing, when the batch would grow past its limit.
     */
    public boolean addBar(final int instrumentId, final int interval, final long[] bars, final int offset)
    {
        final int intervalNumber = interval + 1;
        final int bodySize = uint32Size(Bar.INSTRUMENT_ID_FIELD_NUMBER, instrumentId) +
            CodedOutputStream.computeEnumSize(Bar.INTERVAL_FIELD_NUMBER, intervalNumber) +
            int64Size(Bar.START_TIME_NS_FIELD_NUMBER, bars[offset + BarSeries.START]) +
            int64Size(Bar.OPEN_FIELD_NUMBER, bars[offset + BarSeries.OPEN]) +
            int64Size(Bar.HIGH_FIELD_NUMBER, bars[offset + BarSeries.HIGH]) +
            int64Size(Bar.LOW_FIELD_NUMBER, bars[offset + BarSeries.LOW]) +
            int64Size(Bar.CLOSE_FIELD_NUMBER, bars[offset + BarSeries.CLOSE]) +
            int64Size(Bar.VOLUME_FIELD_NUMBER, bars[offset + BarSeries.VOLUME]) +
            uint64Size(Bar.TRADE_COUNT_FIELD_NUMBER, bars[offset + BarSeries.COUNT]) +
            uint64Size(Bar.LAST_SEQUENCE_FIELD_NUMBER, bars[offset + BarSeries.LAST_SEQUENCE]);
        final int total = CodedOutputStream.computeTagSize(BARS_FIELD) + CodedOutputStream.computeUInt32SizeNoTag(bodySize) + bodySize;
        if (!ensure(total))
        {
            return false;
        }
        try
        {
            out.writeTag(BARS_FIELD, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(bodySize);
            writeUInt32(Bar.INSTRUMENT_ID_FIELD_NUMBER, instrumentId);
            out.writeEnum(Bar.INTERVAL_FIELD_NUMBER, intervalNumber);
            writeInt64(Bar.START_TIME_NS_FIELD_NUMBER, bars[offset + BarSeries.START]);
            writeInt64(Bar.OPEN_FIELD_NUMBER, bars[offset + BarSeries.OPEN]);
            writeInt64(Bar.HIGH_FIELD_NUMBER, bars[offset + BarSeries.HIGH]);
            writeInt64(Bar.LOW_FIELD_NUMBER, bars[offset + BarSeries.LOW]);
            writeInt64(Bar.CLOSE_FIELD_NUMBER, bars[offset + BarSeries.CLOSE]);
            writeInt64(Bar.VOLUME_FIELD_NUMBER, bars[offset + BarSeries.VOLUME]);
            writeUInt64(Bar.TRADE_COUNT_FIELD_NUMBER, bars[offset + BarSeries.COUNT]);
            writeUInt64(Bar.LAST_SEQUENCE_FIELD_NUMBER, bars[offset + BarSeries.LAST_SEQUENCE]);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("batch buffer overflow despite size check", ex);
        }
        length += total;
        barCount++;
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
        final int start = BODY_OFFSET - headerSize;
        headerSink.position = start;
        try
        {
            out.flush();
            header.writeTag(ServerMessage.DATA_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            header.writeUInt32NoTag(batchSize);
            header.writeUInt64(DataBatch.FIRST_SEQUENCE_FIELD_NUMBER, firstSequence);
            header.writeUInt64(DataBatch.LAST_SEQUENCE_FIELD_NUMBER, lastSequence);
            header.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("frame header larger than its reserve", ex);
        }
        view.limit(start + headerSize + length).position(start);
        return view;
    }

    /**
     * {@link #frame} as a complete WebSocket binary frame: the frame header written in front of the
     * envelope, so that header and payload go to the socket in one write.
     */
    public ByteBuffer webSocketFrame(final long firstSequence, final long lastSequence)
    {
        final ByteBuffer frame = frame(firstSequence, lastSequence);
        final int payload = frame.remaining();
        final int start = frame.position() - FrameHeaders.headerLength(payload);
        FrameHeaders.writeHeader(buffer, start, FrameHeaders.OPCODE_BINARY, payload);
        frame.position(start);
        return frame;
    }

    private boolean ensure(final int bytes)
    {
        final int required = BODY_OFFSET + length + bytes;
        return required <= buffer.length || grow(required);
    }

    private static int kindField(final byte type)
    {
        return type == TickDescriptor.TYPE_TRADE ? TRADE_FIELD : type == TickDescriptor.TYPE_QUOTE ? QUOTE_FIELD : STATUS_FIELD;
    }

    private static int bodySize(final Tick tick)
    {
        final byte type = tick.type;
        return type == TickDescriptor.TYPE_TRADE ? tradeSize(tick) : type == TickDescriptor.TYPE_QUOTE ? quoteSize(tick) : statusSize(tick);
    }

    private boolean grow(final int required)
    {
        if (required > maxBytes + FRAME_HEADER_RESERVE)
        {
            return false;
        }
        final int capacity = (int)Math.min(Math.max((long)buffer.length * 2, required), maxBytes + FRAME_HEADER_RESERVE);
        final byte[] grown = new byte[capacity];
        // bytes still staged in the encoder land at the sink's position, in the new buffer
        System.arraycopy(buffer, BODY_OFFSET, grown, BODY_OFFSET, sink.position - BODY_OFFSET);
        buffer = grown;
        view = ByteBuffer.wrap(buffer);
        return true;
    }

    /** Where an encoder's bytes go: into the current buffer at a position. */
    private final class Sink extends OutputStream
    {
        int position;

        @Override
        public void write(final int b)
        {
            buffer[position++] = (byte)b;
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int count)
        {
            System.arraycopy(bytes, offset, buffer, position, count);
            position += count;
        }
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

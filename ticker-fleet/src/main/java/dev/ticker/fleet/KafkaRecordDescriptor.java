package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The layout of the fleet's Kafka records: the single place that names it. Every record of the
 * topic's one partition has no key and a header {@value #TYPE_HEADER} saying what its value is:
 *
 * <pre>
 *   ticks        N x 64 bytes: N journal records exactly as {@link TickDescriptor} lays them out
 *                (sequence and CRC32C included), contiguous sequences, N &gt;= 1
 *   instruments  a ticker.v1.InstrumentList: the writer's whole catalogue, ids as in the journal
 *   heartbeat    empty: the active writer is alive but had nothing to publish
 * </pre>
 *
 * <p>The record's timestamp is the writer's clock when it sent the record, so an edge can tell how
 * far behind the writer it is in time. Records keep the journal's own bytes so that an edge's
 * journal is the writer's record for record, and the checksum travels end to end.
 */
public final class KafkaRecordDescriptor
{
    public static final String TYPE_HEADER = "ticker.type";
    public static final String TYPE_TICKS = "ticks";
    public static final String TYPE_INSTRUMENTS = "instruments";
    public static final String TYPE_HEARTBEAT = "heartbeat";

    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);
    private static final VarHandle SHORT = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private KafkaRecordDescriptor()
    {
    }

    /** The record type named by the headers, or null when there is none. */
    public static String type(final Headers headers)
    {
        final Header header = headers.lastHeader(TYPE_HEADER);
        return null == header ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }

    public static byte[] typeBytes(final String type)
    {
        return type.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code tick} as a journal record at {@code offset} of {@code buffer}, with its checksum. */
    public static void encode(final Tick tick, final ByteBuffer buffer, final int offset)
    {
        // absolute little-endian access through views: neither the buffer's order nor its position is used or changed,
        // and nothing is allocated per tick (a duplicate() per tick showed in the writer's and the edge's profiles)
        LONG.set(buffer, offset + TickDescriptor.SEQUENCE_OFFSET, tick.sequence);
        LONG.set(buffer, offset + TickDescriptor.EVENT_TIME_OFFSET, tick.eventTimeNs);
        buffer.put(offset + TickDescriptor.TYPE_OFFSET, tick.type);
        buffer.put(offset + TickDescriptor.SIDE_OFFSET, tick.side);
        SHORT.set(buffer, offset + TickDescriptor.RESERVED_OFFSET, (short)0);
        INT.set(buffer, offset + TickDescriptor.INSTRUMENT_ID_OFFSET, tick.instrumentId);
        LONG.set(buffer, offset + TickDescriptor.PRICE_OFFSET, tick.price);
        LONG.set(buffer, offset + TickDescriptor.SIZE_OFFSET, tick.size);
        LONG.set(buffer, offset + TickDescriptor.ASK_PRICE_OFFSET, tick.askPrice);
        LONG.set(buffer, offset + TickDescriptor.ASK_SIZE_OFFSET, tick.askSize);
        INT.set(buffer, offset + TickDescriptor.CHECKSUM_OFFSET, checksum(buffer, offset));
        INT.set(buffer, offset + TickDescriptor.RESERVED2_OFFSET, 0);
    }

    /**
     * Reads the journal record at {@code offset} of {@code buffer} (an absolute index, whatever the
     * buffer's position) into {@code tick}.
     *
     * @return false when its checksum does not match its bytes (the tick is then not to be used).
     */
    public static boolean decode(final ByteBuffer buffer, final int offset, final Tick tick)
    {
        tick.sequence = (long)LONG.get(buffer, offset + TickDescriptor.SEQUENCE_OFFSET);
        tick.eventTimeNs = (long)LONG.get(buffer, offset + TickDescriptor.EVENT_TIME_OFFSET);
        tick.type = buffer.get(offset + TickDescriptor.TYPE_OFFSET);
        tick.side = buffer.get(offset + TickDescriptor.SIDE_OFFSET);
        tick.instrumentId = (int)INT.get(buffer, offset + TickDescriptor.INSTRUMENT_ID_OFFSET);
        tick.price = (long)LONG.get(buffer, offset + TickDescriptor.PRICE_OFFSET);
        tick.size = (long)LONG.get(buffer, offset + TickDescriptor.SIZE_OFFSET);
        tick.askPrice = (long)LONG.get(buffer, offset + TickDescriptor.ASK_PRICE_OFFSET);
        tick.askSize = (long)LONG.get(buffer, offset + TickDescriptor.ASK_SIZE_OFFSET);
        return (int)INT.get(buffer, offset + TickDescriptor.CHECKSUM_OFFSET) == checksum(buffer, offset);
    }

    private static int checksum(final ByteBuffer buffer, final int offset)
    {
        final CRC32C crc = CRC.get();
        crc.reset();
        if (buffer.hasArray())
        {
            crc.update(buffer.array(), buffer.arrayOffset() + offset, TickDescriptor.CHECKSUMMED_LENGTH);
        }
        else
        {
            crc.update(buffer.duplicate().limit(offset + TickDescriptor.CHECKSUMMED_LENGTH).position(offset));
        }
        return (int)crc.getValue();
    }
}

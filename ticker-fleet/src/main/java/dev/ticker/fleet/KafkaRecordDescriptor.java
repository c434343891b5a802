package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

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
        final ByteBuffer record = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        record.putLong(offset + TickDescriptor.SEQUENCE_OFFSET, tick.sequence)
            .putLong(offset + TickDescriptor.EVENT_TIME_OFFSET, tick.eventTimeNs)
            .put(offset + TickDescriptor.TYPE_OFFSET, tick.type)
            .put(offset + TickDescriptor.SIDE_OFFSET, tick.side)
            .putShort(offset + TickDescriptor.RESERVED_OFFSET, (short)0)
            .putInt(offset + TickDescriptor.INSTRUMENT_ID_OFFSET, tick.instrumentId)
            .putLong(offset + TickDescriptor.PRICE_OFFSET, tick.price)
            .putLong(offset + TickDescriptor.SIZE_OFFSET, tick.size)
            .putLong(offset + TickDescriptor.ASK_PRICE_OFFSET, tick.askPrice)
            .putLong(offset + TickDescriptor.ASK_SIZE_OFFSET, tick.askSize)
            .putInt(offset + TickDescriptor.CHECKSUM_OFFSET, checksum(record, offset))
            .putInt(offset + TickDescriptor.RESERVED2_OFFSET, 0);
    }

    /**
     * Reads the journal record at {@code offset} of {@code buffer} into {@code tick}.
     *
     * @return false when its checksum does not match its bytes (the tick is then not to be used).
     */
    public static boolean decode(final ByteBuffer buffer, final int offset, final Tick tick)
    {
        final ByteBuffer record = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        tick.sequence = record.getLong(offset + TickDescriptor.SEQUENCE_OFFSET);
        tick.eventTimeNs = record.getLong(offset + TickDescriptor.EVENT_TIME_OFFSET);
        tick.type = record.get(offset + TickDescriptor.TYPE_OFFSET);
        tick.side = record.get(offset + TickDescriptor.SIDE_OFFSET);
        tick.instrumentId = record.getInt(offset + TickDescriptor.INSTRUMENT_ID_OFFSET);
        tick.price = record.getLong(offset + TickDescriptor.PRICE_OFFSET);
        tick.size = record.getLong(offset + TickDescriptor.SIZE_OFFSET);
        tick.askPrice = record.getLong(offset + TickDescriptor.ASK_PRICE_OFFSET);
        tick.askSize = record.getLong(offset + TickDescriptor.ASK_SIZE_OFFSET);
        return record.getInt(offset + TickDescriptor.CHECKSUM_OFFSET) == checksum(record, offset);
    }

    private static int checksum(final ByteBuffer record, final int offset)
    {
        final CRC32C crc = CRC.get();
        crc.reset();
        crc.update(record.duplicate().position(offset).limit(offset + TickDescriptor.CHECKSUMMED_LENGTH));
        return (int)crc.getValue();
    }
}

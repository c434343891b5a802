package dev.ticker.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * One tick record laid out as {@link TickDescriptor} says, in a small buffer of its own. The writer
 * composes a record here, with its checksum, and hands it to the queue in one copy; a reader copies
 * a record here in one copy, checks it and decodes it. Neither touches the mapped queue file once per
 * field: each such access pays the queue's bounds, closed and single-thread checks, which cost more
 * than the record itself when a journal is written or read at a million records a second.
 *
 * <p>The checksum is the CRC32C of the first {@link TickDescriptor#CHECKSUMMED_LENGTH} bytes, on the
 * processor's CRC instruction. Allocates nothing after construction. Not thread-safe: each writer
 * and reader holds its own.
 */
final class TickRecord
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final byte[] bytes = new byte[TickDescriptor.LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private final UnsafeBuffer mapped = new UnsafeBuffer(0, 0);
    private final CRC32C crc = new CRC32C();

    /** The record's bytes: {@link TickDescriptor#LENGTH} of them after {@link #encode}. */
    byte[] bytes()
    {
        return bytes;
    }

    /** Lays out a whole record with these fields, its checksum and zero in the reserved fields. */
    void encode(
        final long sequence,
        final long eventTimeNs,
        final byte type,
        final byte side,
        final int instrumentId,
        final long price,
        final long size,
        final long askPrice,
        final long askSize)
    {
        buffer.putLong(TickDescriptor.SEQUENCE_OFFSET, sequence, ORDER);
        buffer.putLong(TickDescriptor.EVENT_TIME_OFFSET, eventTimeNs, ORDER);
        buffer.putByte(TickDescriptor.TYPE_OFFSET, type);
        buffer.putByte(TickDescriptor.SIDE_OFFSET, side);
        buffer.putShort(TickDescriptor.RESERVED_OFFSET, (short)0, ORDER);
        buffer.putInt(TickDescriptor.INSTRUMENT_ID_OFFSET, instrumentId, ORDER);
        buffer.putLong(TickDescriptor.PRICE_OFFSET, price, ORDER);
        buffer.putLong(TickDescriptor.SIZE_OFFSET, size, ORDER);
        buffer.putLong(TickDescriptor.ASK_PRICE_OFFSET, askPrice, ORDER);
        buffer.putLong(TickDescriptor.ASK_SIZE_OFFSET, askSize, ORDER);
        buffer.putInt(TickDescriptor.CHECKSUM_OFFSET, checksum(), ORDER);
        buffer.putInt(TickDescriptor.RESERVED2_OFFSET, 0, ORDER);
    }

    /** The checksum a record holding {@code tick} must carry. */
    int checksumOf(final Tick tick)
    {
        encode(tick.sequence, tick.eventTimeNs, tick.type, tick.side, tick.instrumentId, tick.price, tick.size,
            tick.askPrice, tick.askSize);
        return buffer.getInt(TickDescriptor.CHECKSUM_OFFSET, ORDER);
    }

    /** Copies the {@code length} bytes of a record at native {@code address} (a mapped queue file) into this one. */
    void copyFrom(final long address, final int length)
    {
        mapped.wrap(address, length);
        buffer.putBytes(0, mapped, 0, length);
    }

    /** Whether the checksum field holds the checksum of the bytes before it. */
    boolean checksumMatches()
    {
        return buffer.getInt(TickDescriptor.CHECKSUM_OFFSET, ORDER) == checksum();
    }

    /** Reads the record's fields into {@code tick}. */
    void decode(final Tick tick)
    {
        tick.sequence = buffer.getLong(TickDescriptor.SEQUENCE_OFFSET, ORDER);
        tick.eventTimeNs = buffer.getLong(TickDescriptor.EVENT_TIME_OFFSET, ORDER);
        tick.type = buffer.getByte(TickDescriptor.TYPE_OFFSET);
        tick.side = buffer.getByte(TickDescriptor.SIDE_OFFSET);
        tick.instrumentId = buffer.getInt(TickDescriptor.INSTRUMENT_ID_OFFSET, ORDER);
        tick.price = buffer.getLong(TickDescriptor.PRICE_OFFSET, ORDER);
        tick.size = buffer.getLong(TickDescriptor.SIZE_OFFSET, ORDER);
        tick.askPrice = buffer.getLong(TickDescriptor.ASK_PRICE_OFFSET, ORDER);
        tick.askSize = buffer.getLong(TickDescriptor.ASK_SIZE_OFFSET, ORDER);
    }

    private int checksum()
    {
        crc.reset();
        crc.update(bytes, 0, TickDescriptor.CHECKSUMMED_LENGTH);
        return (int)crc.getValue();
    }
}

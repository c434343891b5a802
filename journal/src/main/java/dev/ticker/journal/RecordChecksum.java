package dev.ticker.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The checksum of a tick record ({@link TickDescriptor#CHECKSUM_OFFSET}): the CRC32C of the record's
 * first {@link TickDescriptor#CHECKSUMMED_LENGTH} bytes as laid out on disk. The writer stamps it and
 * every reader recomputes it from the fields it decoded, so a record damaged on disk is never taken
 * for data. CRC32C runs on the processor's CRC instruction and, over a direct buffer, allocates
 * nothing. Not thread-safe: each reader and writer holds its own.
 */
final class RecordChecksum
{
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer layout = ByteBuffer.allocateDirect(TickDescriptor.LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer copy = new UnsafeBuffer(layout);
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);

    /** The checksum of a record with these fields. */
    int of(
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
        layout.putLong(TickDescriptor.SEQUENCE_OFFSET, sequence)
            .putLong(TickDescriptor.EVENT_TIME_OFFSET, eventTimeNs)
            .put(TickDescriptor.TYPE_OFFSET, type)
            .put(TickDescriptor.SIDE_OFFSET, side)
            .putShort(TickDescriptor.RESERVED_OFFSET, (short)0)
            .putInt(TickDescriptor.INSTRUMENT_ID_OFFSET, instrumentId)
            .putLong(TickDescriptor.PRICE_OFFSET, price)
            .putLong(TickDescriptor.SIZE_OFFSET, size)
            .putLong(TickDescriptor.ASK_PRICE_OFFSET, askPrice)
            .putLong(TickDescriptor.ASK_SIZE_OFFSET, askSize);
        layout.limit(TickDescriptor.CHECKSUMMED_LENGTH).position(0);
        crc.reset();
        crc.update(layout);
        layout.clear();
        return (int)crc.getValue();
    }

    /**
     * The checksum of the record whose first byte is at native {@code address} (a mapped queue
     * file): one copy of its checksummed bytes, no decoding, so a reader checks a record for little
     * more than the CRC instruction's cost.
     */
    int ofRecordAt(final long address)
    {
        record.wrap(address, TickDescriptor.CHECKSUMMED_LENGTH);
        copy.putBytes(0, record, 0, TickDescriptor.CHECKSUMMED_LENGTH);
        layout.limit(TickDescriptor.CHECKSUMMED_LENGTH).position(0);
        crc.reset();
        crc.update(layout);
        layout.clear();
        return (int)crc.getValue();
    }

    /** The checksum a record holding {@code tick} must carry. */
    int of(final Tick tick)
    {
        return of(tick.sequence, tick.eventTimeNs, tick.type, tick.side, tick.instrumentId,
            tick.price, tick.size, tick.askPrice, tick.askSize);
    }
}

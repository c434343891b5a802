package dev.ticker.server.stream;

import dev.ticker.journal.Tick;

/**
 * One journal tick in its wire bytes (a {@code DataBatch.ticks} entry, tag and length included),
 * encoded once per fan-out thread and copied into the batch of every session that wants it:
 * encoding, not copying, is what a tick costs, so it is done once whatever the number of sessions.
 * Reused for every tick; not thread-safe.
 */
public final class EncodedTick
{
    private final BatchEncoder encoder = new BatchEncoder(
        BatchEncoder.BODY_OFFSET + BatchEncoder.MAX_TICK_BYTES, BatchEncoder.BODY_OFFSET + BatchEncoder.MAX_TICK_BYTES);
    private byte[] bytes;

    /** Encodes {@code tick}, replacing the one before. */
    void encode(final Tick tick)
    {
        encoder.reset();
        encoder.add(tick);
        bytes = encoder.flushedBody();
    }

    byte[] bytes()
    {
        return bytes;
    }

    int offset()
    {
        return BatchEncoder.BODY_OFFSET;
    }

    /** The encoded size: what the tick adds to a session's outbound bytes. */
    public int length()
    {
        return encoder.length();
    }
}

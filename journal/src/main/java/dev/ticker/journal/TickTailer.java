package dev.ticker.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.Collections;
import java.util.NavigableSet;

/**
 * A reader of a journal: reads tick records in sequence order from the start, from the end, or
 * from any sequence, and then follows the writer. Reading allocates nothing. Not thread-safe: each
 * thread reads through its own tailer.
 *
 * <p>Every record read is checked: its length, its checksum ({@link TickDescriptor#CHECKSUM_OFFSET})
 * and that its sequence follows the one before. Damage is never returned as data: the read throws a
 * {@link JournalDamageException} naming the file, the offset and the sequences affected, and the
 * tailer stands past the damage, so that the next read returns the next intact record.
 */
public final class TickTailer implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExcerptTailer probe;
    private final Tick probeTick = new Tick();
    private final TickRecord record = new TickRecord();
    /** The sequence the next record read must carry, or NO_SEQUENCE where any may come (after toStart or toEnd). */
    private long expectedSequence = TickDescriptor.NO_SEQUENCE;
    /** Reads in a row that found nothing; every {@link #HOLE_CHECK_MASK}+1 of them may look for a hole. */
    private long emptyReads;
    private static final long HOLE_CHECK_MASK = 1023;
    /**
     * A look for a hole finds the queue's end (a scan of Chronicle's index), and a reader that keeps
     * up meets an empty read after almost every burst: after a look that found none, the next waits
     * this long, so a busy reader pays for at most ten a second.
     */
    private static final long HOLE_CHECK_INTERVAL_NS = 100_000_000L;
    private long noHoleSeenAtNs = System.nanoTime() - HOLE_CHECK_INTERVAL_NS;

    TickTailer(final SingleChronicleQueue queue)
    {
        this.queue = queue;
        this.tailer = queue.createTailer();
        this.probe = queue.createTailer();
    }

    /** Positions before the first record of the journal. */
    public TickTailer toStart()
    {
        tailer.toStart();
        expectedSequence = TickDescriptor.NO_SEQUENCE;
        return this;
    }

    /** Positions after the last record: the next read returns the next record appended. */
    public TickTailer toEnd()
    {
        tailer.toEnd();
        expectedSequence = TickDescriptor.NO_SEQUENCE;
        return this;
    }

    /**
     * Positions so that the next read returns the record with {@code sequence}; the sequence after
     * the head positions at the end, to wait for it. Takes O(log cycles) reads, not a scan.
     *
     * @return false, leaving the position as it was, when the journal does not hold that sequence
     *         (older than its first record, or beyond head + 1).
     */
    public boolean moveToSequence(final long sequence)
    {
        final int firstCycle = queue.firstCycle();
        final int lastCycle = queue.lastCycle();
        final NavigableSet<Long> cycles = firstCycle <= lastCycle ?
            queue.listCyclesBetween(firstCycle, lastCycle) : Collections.emptyNavigableSet();
        if (cycles.isEmpty())
        {
            if (sequence == TickDescriptor.NO_SEQUENCE + 1)
            {
                tailer.toStart();
                expectedSequence = sequence;
                return true;
            }
            return false;
        }

        // The cycle that holds the sequence is the last one whose first record is at or before it.
        final Long[] ordered = cycles.toArray(new Long[0]);
        int low = 0;
        int high = ordered.length - 1;
        int found = -1;
        long foundFirstIndex = -1;
        long foundFirstSequence = -1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final int cycle = ordered[mid].intValue();
            if (!readFirstOfCycle(cycle))
            {
                // An empty cycle file: look at the earlier half, which holds records before it.
                high = mid - 1;
                continue;
            }
            if (probeTick.sequence <= sequence)
            {
                found = mid;
                foundFirstIndex = probe.lastReadIndex();
                foundFirstSequence = probeTick.sequence;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        if (found < 0)
        {
            return false;
        }

        // Within a cycle Chronicle's indices are dense, so the index follows from the offset.
        final long index = foundFirstIndex + (sequence - foundFirstSequence);
        if (probe.moveToIndex(index) && readProbe() && probeTick.sequence == sequence)
        {
            return expect(sequence, tailer.moveToIndex(index));
        }
        // Not written yet. If it is the next one, stand on the head record and step over it: a
        // record appended meanwhile is then the next read, where toEnd() would pass over it.
        final long previous = sequence - 1;
        if (previous >= foundFirstSequence && probe.moveToIndex(index - 1) && readProbe() && probeTick.sequence == previous)
        {
            return tailer.moveToIndex(index - 1) && expect(previous, true) && readNext(probeTick);
        }
        return false;
    }

    /**
     * Called now and then when there is nothing to read: if the queue holds records beyond this
     * position, the framing is broken here (zeros or garbage over records) and Chronicle would wait
     * here for ever. Finds the next record it can reach through its index, stands on it and reports
     * the records in between as damaged.
     */
    private void skipHole()
    {
        final long next = tailer.index();
        // where the queue's records end, by the probe (which keeps its mapped file; no new store per look)
        probe.direction(TailerDirection.FORWARD).toEnd();
        final long end = probe.index();
        if (end <= next || readableAt(next))
        {
            // at the end, or the record there was appended since the read looked: no hole
            return;
        }
        long expected = expectedSequence;
        final RollCycle rollCycle = queue.rollCycle();
        if (TickDescriptor.NO_SEQUENCE == expected)
        {
            // positioned by toEnd/toStart: the record before this position says what must come next
            if (0 == rollCycle.toSequenceNumber(next) || !readableAt(next - 1))
            {
                return;
            }
            expected = probeTick.sequence + 1;
        }
        final int spacing = queue.indexSpacing();
        int cycle = rollCycle.toCycle(next);
        long sequenceInCycle = rollCycle.toSequenceNumber(next);
        while (cycle >= 0)
        {
            final long inCycle = probe.excerptsInCycle(cycle); // moves the probe, never the tailer
            // the next indexed record: Chronicle finds it by its index entry, without walking over the hole
            for (long candidate = (sequenceInCycle / spacing + 1) * spacing; candidate < inCycle; candidate += spacing)
            {
                if (readableAt(rollCycle.toIndex(cycle, candidate)))
                {
                    skipTo(next, expected);
                    return;
                }
            }
            cycle = nextCycle(cycle);
            sequenceInCycle = -1;
            if (cycle >= 0 && readFirstOfCycleSafely(cycle))
            {
                skipTo(next, expected);
                return;
            }
        }
    }

    /** Stands on the record the probe found; reports the sequences passed over, if any were. */
    private void skipTo(final long holeIndex, final long expected)
    {
        final long found = probeTick.sequence;
        tailer.moveToIndex(probe.lastReadIndex());
        expectedSequence = found;
        if (found > expected)
        {
            throw new JournalDamageException("journal damaged: the queue cannot read past queue index " +
                Long.toHexString(holeIndex) + " in " + fileName(tailer) + "; sequences " + expected + ".." + (found - 1) +
                " are lost, the next intact record is sequence " + found, expected, found - 1);
        }
    }

    private boolean readableAt(final long index)
    {
        try
        {
            return probe.moveToIndex(index) && readProbe();
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    private boolean readFirstOfCycleSafely(final int cycle)
    {
        try
        {
            return readFirstOfCycle(cycle);
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    private int nextCycle(final int cycle)
    {
        final int lastCycle = queue.lastCycle();
        if (cycle >= lastCycle)
        {
            return -1;
        }
        final NavigableSet<Long> later = queue.listCyclesBetween(cycle + 1, lastCycle);
        return later.isEmpty() ? -1 : later.first().intValue();
    }

    private boolean expect(final long sequence, final boolean moved)
    {
        if (moved)
        {
            expectedSequence = sequence;
        }
        return moved;
    }

    /**
     * Positions so that the next read returns the first record whose event time is at or after
     * {@code epochNs}; when every record is earlier, at the end (to wait for the next one). Records
     * are taken to be in event-time order, as the one writer stamps them. Takes O(log n) reads: a
     * binary search over the roll cycles by the time of their first record, then over the records
     * of one cycle by index, which is dense within a cycle.
     *
     * @return the sequence of the record the next read returns (the head + 1 at the end).
     */
    public long moveToTime(final long epochNs)
    {
        final int firstCycle = queue.firstCycle();
        final int lastCycle = queue.lastCycle();
        final NavigableSet<Long> cycles = firstCycle <= lastCycle ?
            queue.listCyclesBetween(firstCycle, lastCycle) : Collections.emptyNavigableSet();
        final Long[] ordered = cycles.toArray(new Long[0]);

        // The last cycle whose first record is earlier than the time: the answer is in it, or is
        // the first record after it.
        int low = 0;
        int high = ordered.length - 1;
        int found = -1;
        long foundFirstIndex = -1;
        long foundFirstSequence = -1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            if (!readFirstOfCycle(ordered[mid].intValue()))
            {
                high = mid - 1;
                continue;
            }
            if (probeTick.eventTimeNs < epochNs)
            {
                found = mid;
                foundFirstIndex = probe.lastReadIndex();
                foundFirstSequence = probeTick.sequence;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        final long target;
        if (found < 0)
        {
            // every cycle starts at or after the time: the first record of the journal
            final long first = firstSequence();
            target = TickDescriptor.NO_SEQUENCE == first ? TickDescriptor.NO_SEQUENCE + 1 : first;
        }
        else
        {
            // Records [foundFirstSequence, lastInCycle] are in the cycle; the first one of them
            // (after the first, which is earlier) at or after the time, else the one after them all.
            long lastInCycle = TickDescriptor.NO_SEQUENCE;
            for (int next = found + 1; next < ordered.length && TickDescriptor.NO_SEQUENCE == lastInCycle; next++)
            {
                if (readFirstOfCycle(ordered[next].intValue()))
                {
                    lastInCycle = probeTick.sequence - 1;
                }
            }
            if (TickDescriptor.NO_SEQUENCE == lastInCycle)
            {
                lastInCycle = lastSequence();
            }
            long earlier = foundFirstSequence;
            long later = lastInCycle + 1;
            while (later - earlier > 1)
            {
                final long mid = (earlier + later) >>> 1;
                if (probe.moveToIndex(foundFirstIndex + (mid - foundFirstSequence)) && readProbe() &&
                    probeTick.eventTimeNs < epochNs)
                {
                    earlier = mid;
                }
                else
                {
                    later = mid;
                }
            }
            target = later;
        }
        if (!moveToSequence(target))
        {
            throw new JournalException("journal lost sequence " + target + " while seeking to time " + epochNs);
        }
        return target;
    }

    /**
     * Reads the next record into {@code tick}.
     *
     * @return false when there is no record yet (the tailer stays where it is).
     */
    public boolean readNext(final Tick tick)
    {
        if (!read(tailer, tick))
        {
            if ((emptyReads++ & HOLE_CHECK_MASK) == 0)
            {
                final long nowNs = System.nanoTime();
                if (nowNs - noHoleSeenAtNs >= HOLE_CHECK_INTERVAL_NS)
                {
                    skipHole(); // reports a hole by throwing: the next empty read then looks again
                    noHoleSeenAtNs = nowNs;
                }
            }
            return false;
        }
        emptyReads = 0;
        final long expected = expectedSequence;
        if (TickDescriptor.NO_SEQUENCE == expected || tick.sequence == expected)
        {
            expectedSequence = tick.sequence + 1;
            return true;
        }
        throw sequenceBreak(expected, tick);
    }

    /** The record read does not carry the expected sequence: report the break, stand after it. */
    private JournalDamageException sequenceBreak(final long expected, final Tick tick)
    {
        final long index = tailer.lastReadIndex();
        final String where = describePosition(tailer, index);
        if (tick.sequence > expected)
        {
            // records are missing: step back onto the record read, so that the next read returns it
            expectedSequence = tick.sequence;
            tailer.moveToIndex(index);
            return new JournalDamageException("journal damaged: sequences " + expected + ".." + (tick.sequence - 1) +
                " are missing before " + where + ", which holds sequence " + tick.sequence, expected, tick.sequence - 1);
        }
        // an older sequence again: a record of another journal or a copy; skip it
        return new JournalDamageException("journal damaged: " + where + " holds sequence " + tick.sequence +
            " where sequence " + expected + " was due; the record is skipped", TickDescriptor.NO_SEQUENCE, TickDescriptor.NO_SEQUENCE);
    }

    /** The sequence of the newest record in the journal, or {@link TickDescriptor#NO_SEQUENCE}. */
    public long lastSequence()
    {
        return readLast(probeTick) ? probeTick.sequence : TickDescriptor.NO_SEQUENCE;
    }

    /** The sequence of the oldest record in the journal, or {@link TickDescriptor#NO_SEQUENCE}. */
    public long firstSequence()
    {
        probe.direction(TailerDirection.FORWARD).toStart();
        return readProbe() ? probeTick.sequence : TickDescriptor.NO_SEQUENCE;
    }

    private boolean readFirstOfCycle(final int cycle)
    {
        probe.direction(TailerDirection.FORWARD);
        return probe.moveToCycle(cycle) && readProbe() && queue.rollCycle().toCycle(probe.lastReadIndex()) == cycle;
    }

    /** Reads the newest record of the journal into {@code tick}, without moving this tailer. */
    boolean readLast(final Tick tick)
    {
        probe.direction(TailerDirection.BACKWARD).toEnd();
        try
        {
            return read(probe, tick);
        }
        finally
        {
            probe.direction(TailerDirection.FORWARD);
        }
    }

    private boolean readProbe()
    {
        return read(probe, probeTick);
    }

    /**
     * Reads the next tick record in the tailer's direction, skipping metadata; false when there is
     * none yet.
     *
     * @throws JournalDamageException when the next data document is not an intact tick record; the
     *                                tailer has passed it.
     */
    private boolean read(final ExcerptTailer tailer, final Tick tick)
    {
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return false;
                }
                if (dc.isData())
                {
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long length = bytes.readRemaining();
                    if (TickDescriptor.LENGTH == length || TickDescriptor.LENGTH_WITHOUT_CHECKSUM == length)
                    {
                        // one copy out of the mapped file, then checked and decoded there: reading field by field
                        // pays the queue's checks on every field
                        final long offset = bytes.readPosition();
                        record.copyFrom(bytes.addressForRead(offset), (int)length);
                        // a record of LENGTH_WITHOUT_CHECKSUM was written before records carried a checksum
                        if (TickDescriptor.LENGTH == length && !record.checksumMatches())
                        {
                            throw damaged(tailer, dc.index(), offset, "its checksum does not match its contents");
                        }
                        record.decode(tick);
                        return true;
                    }
                    throw damaged(tailer, dc.index(), bytes.readPosition(), "it is " + length + " bytes long, not " +
                        TickDescriptor.LENGTH);
                }
            }
            catch (final JournalDamageException ex)
            {
                throw ex;
            }
            catch (final RuntimeException ex)
            {
                // Chronicle could not frame the document (garbage over a header)
                throw new JournalDamageException("journal damaged: the queue cannot read the document after " +
                    describePosition(tailer, tailer.index()) + ": " + ex, expectedSequence, TickDescriptor.NO_SEQUENCE, ex);
            }
        }
    }

    private JournalDamageException damaged(final ExcerptTailer tailer, final long index, final long offset, final String why)
    {
        final long expected = tailer == this.tailer ? expectedSequence : TickDescriptor.NO_SEQUENCE;
        return new JournalDamageException("journal damaged: the record at byte offset " + offset + " of " +
            fileName(tailer) + " (queue index " + Long.toHexString(index) + ") is not intact: " + why +
            (TickDescriptor.NO_SEQUENCE == expected ? "" : "; it should hold sequence " + expected), expected, expected);
    }

    private String describePosition(final ExcerptTailer tailer, final long index)
    {
        return "queue index " + Long.toHexString(index) + " in " + fileName(tailer);
    }

    private static String fileName(final ExcerptTailer tailer)
    {
        final java.io.File file = tailer.currentFile();
        return null == file ? "(no file)" : file.toString();
    }

    @Override
    public void close()
    {
        probe.close();
        tailer.close();
    }
}

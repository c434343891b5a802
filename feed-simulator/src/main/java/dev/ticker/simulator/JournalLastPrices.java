package dev.ticker.simulator;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;

/**
 * The last price of each instrument in the newest records of a journal: the last trade, else the
 * middle of the last quote (on the increment). A live feed restarted on a journal continues from
 * these, so a restart does not draw a fake candle back to the reference prices.
 */
public final class JournalLastPrices
{
    /** Records read from the journal's head backwards at most: minutes of a busy feed. */
    public static final long SCAN_RECORDS = 1_000_000;

    private JournalLastPrices()
    {
    }

    /**
     * The last price by journal instrument id, 0 for an instrument without a trade or quote in the
     * newest {@code scanRecords} records.
     */
    public static long[] read(final TickJournal journal, final int instruments, final long scanRecords)
    {
        final long[] last = new long[instruments];
        final boolean[] traded = new boolean[instruments];
        try (TickTailer tailer = journal.tailer())
        {
            final long head = tailer.lastSequence();
            if (head == TickDescriptor.NO_SEQUENCE)
            {
                return last;
            }
            final long from = Math.max(tailer.firstSequence(), head - scanRecords + 1);
            if (!tailer.moveToSequence(from))
            {
                return last;
            }
            final Tick tick = new Tick();
            while (tailer.readNext(tick))
            {
                final int id = tick.instrumentId;
                if (id < 0 || id >= instruments)
                {
                    continue;
                }
                if (tick.isTrade())
                {
                    last[id] = tick.price;
                    traded[id] = true;
                }
                else if (tick.isQuote() && !traded[id] && tick.price > 0 && tick.askPrice > tick.price)
                {
                    last[id] = tick.price + (tick.askPrice - tick.price) / 2;
                }
            }
        }
        return last;
    }
}

package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two journals that must hold the same records, byte for byte in effect: a writer's and an edge's, or an import's and an edge's. */
final class SameJournals
{
    private SameJournals()
    {
    }

    /** Sequences 1..{@code last} are in both journals, in order, with equal contents. */
    static void assertSameRecords(final TickJournal one, final TickJournal other, final long last)
    {
        try (TickTailer a = one.tailer(); TickTailer b = other.tailer())
        {
            final Tick x = new Tick();
            final Tick y = new Tick();
            for (long sequence = 1; sequence <= last; sequence++)
            {
                assertTrue(a.readNext(x) && b.readNext(y), "both journals hold sequence " + sequence);
                assertEquals(x.toString(), y.toString(), "record " + sequence);
                assertEquals(sequence, x.sequence);
            }
        }
    }
}

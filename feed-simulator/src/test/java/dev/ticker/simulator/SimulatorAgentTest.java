package dev.ticker.simulator;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.JournalConfiguration;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live feed's duty cycle driven by hand, with clocks the test moves, into a real journal. */
class SimulatorAgentTest
{
    private static final long START_NS = 1_795_185_000_000_000_000L;

    @TempDir
    Path dir;

    /** Both clocks of the agent: epoch time and monotonic time move together. */
    private static final class ManualClock implements EpochNanoClock, NanoClock
    {
        long nowNs = START_NS;

        @Override
        public long nanoTime()
        {
            return nowNs;
        }
    }

    private final ManualClock clock = new ManualClock();

    private List<SimulatedInstrument> register(final TickJournal journal, final List<SimulatedInstrument> universe)
    {
        final InstrumentCatalog catalog = journal.instruments().merge(InstrumentFile.definitions(universe));
        catalog.save(journal.directory());
        return universe.stream().map(i -> i.withInstrument(catalog.bySymbol(i.symbol()))).toList();
    }

    @Test
    void shouldWriteExactlyTheRateAtAnEvenPaceStampedWithTheTimeWritten()
    {
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            final SimulatorAgent agent = new SimulatorAgent(new SimulatorConfiguration().rate(1_000).pace(Pace.EVEN),
                register(journal, InstrumentFile.defaults()), appender, clock, clock);
            agent.onStart();
            assertEquals(0, agent.doWork(), "nothing is due at the start");
            clock.nowNs += TimeUnit.MILLISECONDS.toNanos(250);
            assertEquals(250, agent.doWork());
            clock.nowNs += TimeUnit.MILLISECONDS.toNanos(750);
            assertEquals(750, agent.doWork());
            assertEquals(0, agent.doWork(), "nothing more until the clock moves");
            assertEquals(1_000, appender.lastSequence());

            try (TickTailer tailer = journal.tailer())
            {
                final Tick tick = new Tick();
                int atQuarter = 0;
                while (tailer.readNext(tick))
                {
                    assertTrue(tick.eventTimeNs == START_NS + 250_000_000L || tick.eventTimeNs == START_NS + 1_000_000_000L, tick.toString());
                    atQuarter += tick.eventTimeNs == START_NS + 250_000_000L ? 1 : 0;
                }
                assertEquals(250, atQuarter);
            }
        }
    }

    @Test
    void shouldCatchUpInBoundedBatchesAfterAStall()
    {
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            final SimulatorAgent agent = new SimulatorAgent(new SimulatorConfiguration().rate(10_000).pace(Pace.EVEN).maxBatch(4_000),
                register(journal, InstrumentFile.defaults()), appender, clock, clock);
            agent.onStart();
            clock.nowNs += TimeUnit.SECONDS.toNanos(1);
            assertEquals(4_000, agent.doWork());
            assertEquals(4_000, agent.doWork());
            assertEquals(2_000, agent.doWork());
            assertEquals(0, agent.doWork());
        }
    }

    @Test
    void shouldWriteEachTickWhenItsEventTimeComesAtTheModelsPaceAndTheRateOnAverage()
    {
        final int rate = 2_000;
        final int dayMinutes = 2;
        try (TickJournal journal = TickJournal.open(dir); TickAppender appender = journal.appender())
        {
            final List<SimulatedInstrument> instruments = register(journal, InstrumentFile.defaults());
            final SimulatorAgent agent = new SimulatorAgent(
                new SimulatorConfiguration().rate(rate).dayMinutes(dayMinutes).maxBatch(1_000_000), instruments, appender, clock, clock);
            agent.onStart();
            final Set<Integer> opened = new HashSet<>();
            long checked = 0;
            long previousNs = START_NS;
            final Tick tick = new Tick();
            try (TickTailer tailer = journal.tailer())
            {
                // two whole live days, 10 ms per duty cycle
                for (long elapsedMs = 10; elapsedMs <= 2L * dayMinutes * 60_000; elapsedMs += 10)
                {
                    clock.nowNs = START_NS + TimeUnit.MILLISECONDS.toNanos(elapsedMs);
                    agent.doWork();
                    while (tailer.readNext(tick))
                    {
                        checked++;
                        assertTrue(tick.eventTimeNs >= previousNs && tick.eventTimeNs <= clock.nowNs,
                            "written when its time has come, in order: " + tick + " at " + clock.nowNs);
                        previousNs = tick.eventTimeNs;
                        if (tick.isStatus() && tick.status() == TickDescriptor.STATUS_TRADING)
                        {
                            opened.add(tick.instrumentId);
                        }
                        else if (!tick.isStatus())
                        {
                            assertTrue(opened.contains(tick.instrumentId), "an instrument trades after it opens: " + tick);
                        }
                    }
                }
            }
            assertEquals(instruments.size(), opened.size(), "every instrument opens at the start");
            final double perSecond = checked / (2.0 * dayMinutes * 60);
            assertTrue(perSecond > 0.75 * rate && perSecond < 1.3 * rate, "about " + rate + " ticks/s on average, was " + perSecond);
            assertEquals(checked, agent.written());
        }
    }

    @Test
    void shouldStopWritingWithoutFaultingWhenTheDiskCannotKeepTheSpaceTheJournalNeeds()
    {
        // a disk that can never keep this much free: the journal refuses every tick, as on a full disk
        final JournalConfiguration fullDisk = new JournalConfiguration().minFreeDiskBytes(Long.MAX_VALUE / 4);
        try (TickJournal journal = TickJournal.open(dir, fullDisk); TickAppender appender = journal.appender())
        {
            final SimulatorAgent agent = new SimulatorAgent(new SimulatorConfiguration().rate(1_000).pace(Pace.EVEN),
                register(journal, InstrumentFile.defaults()), appender, clock, clock);
            agent.onStart();
            clock.nowNs += TimeUnit.MILLISECONDS.toNanos(250);
            assertEquals(0, agent.doWork());
            assertTrue(agent.isStoppedByFullDisk());
            clock.nowNs += TimeUnit.MILLISECONDS.toNanos(250);
            assertEquals(0, agent.doWork());
            assertEquals(1, agent.diskFullStops(), "one stop, however many cycles it lasts");
            assertEquals(TickDescriptor.NO_SEQUENCE, appender.lastSequence());
            assertTrue(appender.diskFullReason().contains("minFreeDiskBytes"), appender.diskFullReason());
        }
    }
}

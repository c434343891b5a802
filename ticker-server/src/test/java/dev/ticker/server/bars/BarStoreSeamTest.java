package dev.ticker.server.bars;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.Instrument;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where the bars a store holds become complete: the seam at which {@code /api/bars} stops reading
 * the journal and takes the held bars.
 */
class BarStoreSeamTest
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final int MINUTE = BarIntervals.parse("1m");
    private static final int DAY = BarIntervals.parse("1d");
    private static final long START_NS = at(2026, 11, 20, 10, 0, 30);

    private final BarStore store = new BarStore(4);

    BarStoreSeamTest()
    {
        store.onCatalog(InstrumentCatalog.empty().merge(List.of(Instrument.newBuilder().setSymbol("AAA").setTimeZone(NEW_YORK.getId())
            .setPriceDecimals(2).setPriceIncrement(1).setLotSize(1).setReferencePrice(100).build())));
    }

    @Test
    void shouldHoldEveryBarFromTheStartIfItSawTheWholeJournal()
    {
        assertEquals(Long.MIN_VALUE, store.completeFromNs(0, MINUTE));
    }

    @Test
    void shouldStartAtTheFirstBoundaryAfterTheWarmUpSinceTheBarInProgressThenLacksEarlierTrades()
    {
        store.coveredFrom(START_NS);
        trade(START_NS);
        assertEquals(at(2026, 11, 20, 10, 1, 0), store.completeFromNs(0, MINUTE));
        assertEquals(ZonedDateTime.of(2026, 11, 21, 0, 0, 0, 0, NEW_YORK).toEpochSecond() * 1_000_000_000L, store.completeFromNs(0, DAY),
            "the next midnight in the instrument's time zone");
    }

    @Test
    void shouldStartAtTheOldestHeldBarOnceOlderOnesHaveDroppedOut()
    {
        store.coveredFrom(START_NS);
        for (int minute = 0; minute < 6; minute++)
        {
            trade(START_NS + TimeUnit.MINUTES.toNanos(minute));
        }
        // six minutes traded, four held: 10:02 to 10:05
        assertEquals(at(2026, 11, 20, 10, 2, 0), store.completeFromNs(0, MINUTE));
    }

    private void trade(final long timeNs)
    {
        store.onTrade(new Tick().trade(timeNs, 0, 100, 1, TickDescriptor.SIDE_BUY));
    }

    private static long at(final int year, final int month, final int day, final int hour, final int minute, final int second)
    {
        return TimeUnit.SECONDS.toNanos(ZonedDateTime.of(year, month, day, hour, minute, second, 0, ZoneId.of("UTC")).toEpochSecond());
    }
}

package dev.ticker.simulator;

import dev.ticker.journal.Tick;
import dev.ticker.proto.v1.Instrument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomWalkModelTest
{
    private final List<Instrument> universe = InstrumentFile.defaults();

    @Test
    void shouldGiveTheSameTicksForTheSameSeed()
    {
        final RandomWalkModel a = new RandomWalkModel(universe, 11);
        final RandomWalkModel b = new RandomWalkModel(universe, 11);
        final RandomWalkModel c = new RandomWalkModel(universe, 12);
        final Tick ta = new Tick();
        final Tick tb = new Tick();
        final Tick tc = new Tick();
        int differences = 0;
        for (int i = 0; i < 10_000; i++)
        {
            a.next(ta);
            b.next(tb);
            c.next(tc);
            assertEquals(ta.toString(), tb.toString(), "tick " + i);
            differences += ta.toString().equals(tc.toString()) ? 0 : 1;
        }
        assertNotEquals(0, differences, "another seed gives another market");
    }

    @Test
    void shouldKeepPricesOnTheIncrementAndTheBidBelowTheAsk()
    {
        final RandomWalkModel model = new RandomWalkModel(universe, 3);
        final Tick tick = new Tick();
        int trades = 0;
        for (int i = 0; i < 200_000; i++)
        {
            model.next(tick);
            final Instrument instrument = universe.get(tick.instrumentId);
            final long increment = instrument.getPriceIncrement();
            assertTrue(tick.size > 0 && tick.size % instrument.getLotSize() == 0, tick.toString());
            if (tick.isTrade())
            {
                trades++;
                assertTrue(tick.price > 0 && tick.price % increment == 0, tick.toString());
            }
            else
            {
                assertTrue(tick.isQuote());
                assertTrue(tick.price > 0 && tick.price % increment == 0, tick.toString());
                assertTrue(tick.askPrice % increment == 0, tick.toString());
                assertTrue(tick.price < tick.askPrice, "bid below ask: " + tick);
            }
        }
        assertTrue(trades > 40_000 && trades < 80_000, "about 30% trades, was " + trades);
    }
}

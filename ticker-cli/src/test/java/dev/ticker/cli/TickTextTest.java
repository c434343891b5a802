package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickTextTest
{
    @Test
    void shouldWritePricesAsTheExactDecimalsOfTheirPriceUnits()
    {
        final long[] prices = {0, 1, 5, 9, 10, 99, 100, 12_345, 1_234_500, -1, -5, -12_345, Long.MAX_VALUE, Long.MIN_VALUE};
        for (int decimals = 0; decimals <= 19; decimals++)
        {
            for (final long price : prices)
            {
                assertEquals(BigDecimal.valueOf(price, decimals).toPlainString(),
                    TickText.appendPrice(new StringBuilder(), price, decimals).toString(), price + " with " + decimals + " decimals");
            }
        }
    }

    @Test
    void shouldWriteTimesAsIsoInstantsToTheNanosecond()
    {
        final TickText text = new TickText(InstrumentCatalog.empty());
        assertEquals("2026-11-20T14:30:00.000000123Z", text.appendTime(new StringBuilder(), 1_795_185_000_000_000_123L).toString());
        assertEquals("1969-12-31T23:59:59.999999999Z", text.appendTime(new StringBuilder(), -1).toString());
        final SplittableRandom random = new SplittableRandom(7);
        long timeNs = 1_795_185_000_000_000_000L;
        for (int i = 0; i < 100_000; i++)
        {
            final int pick = random.nextInt(4);
            timeNs += pick == 0 ? random.nextLong(1_000) : pick == 1 ? random.nextLong(1_000) * 1_000 :
                pick == 2 ? random.nextLong(1_000) * 1_000_000 : 1_000_000_000L - Math.floorMod(timeNs, 1_000_000_000L);
            final String expected = DateTimeFormatter.ISO_INSTANT.format(
                Instant.ofEpochSecond(Math.floorDiv(timeNs, 1_000_000_000L), Math.floorMod(timeNs, 1_000_000_000L)));
            assertEquals(expected, text.appendTime(new StringBuilder(), timeNs).toString(), "time " + timeNs);
        }
    }

    @Test
    void shouldQuoteACsvCellOnlyWhenItHoldsACommaAQuoteOrALineBreak()
    {
        assertEquals("AAPL", CsvTickWriter.escape("AAPL"));
        assertEquals("\"BRK,B\"", CsvTickWriter.escape("BRK,B"));
        assertEquals("\"say \"\"hi\"\"\"", CsvTickWriter.escape("say \"hi\""));
        assertEquals("\"a\nb\"", CsvTickWriter.escape("a\nb"));
    }

    @Test
    void shouldReadEveryFormOfReplayPoint()
    {
        final ZoneId newYork = ZoneId.of("America/New_York");
        final long at1430Utc = 1_795_185_000_000_000_000L;
        assertEquals(at1430Utc, ReplayPoint.parse("2026-11-20T14:30:00Z").epochNs(newYork));
        assertEquals(at1430Utc, ReplayPoint.parse("2026-11-20T14:30Z").epochNs(newYork));
        assertEquals(at1430Utc, ReplayPoint.parse("2026-11-20T09:30-05:00").epochNs(ZoneOffset.UTC));
        assertEquals(at1430Utc, ReplayPoint.parse("2026-11-20T09:30[America/New_York]").epochNs(ZoneOffset.UTC));
        assertEquals(at1430Utc, ReplayPoint.parse("2026-11-20T14:30").epochNs(ZoneOffset.UTC));
        assertEquals(at1430Utc, ReplayPoint.parse("2026-11-20T09:30").epochNs(newYork));
        assertEquals(at1430Utc + 123, ReplayPoint.parse("2026-11-20T14:30:00.000000123Z").epochNs(newYork));
        assertEquals(at1430Utc - (14 * 60 + 30) * 60_000_000_000L, ReplayPoint.parse("2026-11-20").epochNs(ZoneOffset.UTC));
        assertFalse(ReplayPoint.parse("2026-11-20").isSequence());
        assertEquals(at1430Utc, ReplayPoint.parse("1795185000000").epochNs(newYork), "epoch ms, the one unit that fits");
        assertEquals(at1430Utc, ReplayPoint.parse("1795185000000000000").epochNs(newYork), "epoch ns");

        final ReplayPoint sequence = ReplayPoint.parse("seq:12345");
        assertTrue(sequence.isSequence());
        assertEquals(12_345, sequence.sequence());
    }

    @Test
    void shouldSayWhichFormsAPointTakes()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayPoint.parse("seq:x")).getMessage()
            .contains("expected seq: and a journal sequence"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayPoint.parse("seq:0")).getMessage()
            .contains("a journal sequence starts at 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayPoint.parse("20/11/2026")).getMessage()
            .contains("expected an ISO-8601 time"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplayPoint.parse("12345")).getMessage()
            .contains("no unit (s, ms, us or ns) puts it between 1990 and 2100"));
    }
}

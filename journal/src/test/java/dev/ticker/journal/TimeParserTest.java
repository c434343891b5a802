package dev.ticker.journal;

import dev.ticker.journal.TimeParser.EpochUnit;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeParserTest
{
    private static final long AT_NS = 1_795_185_001_123_000_000L; // 2026-11-20T14:30:01.123Z
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void shouldReadAnIntegerInTheStatedUnit()
    {
        assertEquals(1_795_185_001_000_000_000L, TimeParser.epochNs("1795185001", null, EpochUnit.S));
        assertEquals(AT_NS, TimeParser.epochNs("1795185001123", null, EpochUnit.MS));
        assertEquals(AT_NS, TimeParser.epochNs("1795185001123000", null, EpochUnit.US));
        assertEquals(AT_NS, TimeParser.epochNs("1795185001123000000", null, EpochUnit.NS));
    }

    @Test
    void shouldInferTheOnlyUnitThatPutsAnIntegerBetween1990And2100()
    {
        assertEquals(EpochUnit.S, TimeParser.unitOf("1795185001", null));
        assertEquals(EpochUnit.MS, TimeParser.unitOf("1795185001123", null));
        assertEquals(EpochUnit.US, TimeParser.unitOf("1795185001123000", null));
        assertEquals(EpochUnit.NS, TimeParser.unitOf("1795185001123000000", null));
        assertEquals(AT_NS, TimeParser.epochNs("1795185001123", null, null), "epoch ms is never read as ns");
        assertNull(TimeParser.unitOf("2026-11-20T14:30:01.123Z", null), "not an integer");
    }

    @Test
    void shouldRefuseAnIntegerThatNoUnitPutsBetween1990And2100()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> TimeParser.epochNs("123456", null, null));
        assertTrue(ex.getMessage().contains("no unit (s, ms, us or ns) puts it between 1990 and 2100"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeParser.epochNs("-1795185001", null, null));
    }

    @Test
    void shouldRefuseAnIntegerBeyondEpochNanoseconds()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> TimeParser.epochNs("1795185001123000", null, EpochUnit.MS));
        assertTrue(ex.getMessage().contains("beyond the range of epoch nanoseconds"), ex.getMessage());
    }

    @Test
    void shouldReadIsoTimesWithOffsetsOrZonesAsThatInstant()
    {
        assertEquals(AT_NS, TimeParser.epochNs("2026-11-20T14:30:01.123Z", NEW_YORK, null));
        assertEquals(AT_NS, TimeParser.epochNs("2026-11-20T14:30:01.123z", null, null));
        assertEquals(AT_NS, TimeParser.epochNs("2026-11-20T09:30:01.123-05:00", null, null));
        assertEquals(AT_NS, TimeParser.epochNs("2026-11-20T23:30:01.123+09:00[Asia/Tokyo]", null, null));
        assertEquals(AT_NS, TimeParser.epochNs("2026-11-20T09:30:01.123[America/New_York]", ZoneOffset.UTC, null));
        assertEquals(AT_NS + 456, TimeParser.epochNs("2026-11-20 14:30:01.123000456Z", null, null), "nanoseconds are kept");
    }

    @Test
    void shouldReadLocalTimesAndDatesInTheCallersZone()
    {
        assertEquals(AT_NS, TimeParser.epochNs("2026-11-20 09:30:01.123", NEW_YORK, null));
        assertEquals(AT_NS, TimeParser.epochNs("2026-11-20T14:30:01.123", ZoneOffset.UTC, null));
        assertEquals(1_795_132_800_000_000_000L, TimeParser.epochNs("2026-11-20", ZoneOffset.UTC, null));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> TimeParser.epochNs("2026-11-20T14:30", null, null));
        assertTrue(ex.getMessage().contains("has no offset or zone"), ex.getMessage());
    }

    @Test
    void shouldSayWhichFormsAreAcceptedWhenTheTextIsNoTime()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> TimeParser.epochNs("yesterday", null, null));
        assertEquals("expected " + TimeParser.FORMS, ex.getMessage());
        assertEquals("missing", assertThrows(IllegalArgumentException.class, () -> TimeParser.epochNs(" ", null, null)).getMessage());
    }

    @Test
    void shouldNameTheUnitsAsWritten()
    {
        assertEquals(EpochUnit.MS, EpochUnit.of("ms"));
        assertEquals(EpochUnit.US, EpochUnit.of("US"));
        assertEquals("epoch milliseconds", EpochUnit.MS.description());
        assertThrows(IllegalArgumentException.class, () -> EpochUnit.of("minutes"));
    }
}

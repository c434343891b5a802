package dev.ticker.simulator;

import dev.ticker.proto.v1.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstrumentFileTest
{
    private static final String HEADER = "symbol,name,sector,currency,time_zone,session_open,session_close," +
        "price_decimals,price_increment,lot_size,reference_price,volatility,average_daily_volume\n";

    @TempDir
    Path dir;

    @Test
    void shouldReadTheDefaultUniverseOfAboutAHundredInstrumentsWithDenseIds()
    {
        final List<SimulatedInstrument> instruments = InstrumentFile.defaults();
        assertTrue(instruments.size() >= 90 && instruments.size() <= 120, "about 100 instruments: " + instruments.size());
        final Set<String> sectors = new HashSet<>();
        final Set<String> zones = new HashSet<>();
        final Set<String> currencies = new HashSet<>();
        for (int i = 0; i < instruments.size(); i++)
        {
            final Instrument instrument = instruments.get(i).instrument();
            assertEquals(i, instrument.getId());
            assertEquals(0, instrument.getReferencePrice() % instrument.getPriceIncrement(), instrument.getSymbol());
            sectors.add(instrument.getSector());
            zones.add(instrument.getTimeZone());
            currencies.add(instrument.getCurrency());
        }
        assertTrue(sectors.size() >= 6, "several sectors: " + sectors);
        assertTrue(zones.size() >= 4, "several time zones: " + zones);
        assertTrue(currencies.size() >= 4, "several currencies: " + currencies);

        final SimulatedInstrument aapl = instruments.get(0);
        assertEquals("AAPL", aapl.symbol());
        assertEquals("XNAS", aapl.exchange());
        assertEquals(0.24, aapl.volatility());
        assertEquals(52_000_000, aapl.averageDailyVolume());
        assertEquals("America/New_York", aapl.instrument().getTimeZone());
        assertEquals(9 * 60 + 30, aapl.instrument().getSessionOpenMinute());
        assertEquals(16 * 60, aapl.instrument().getSessionCloseMinute());
        assertEquals(4, aapl.instrument().getPriceDecimals());
    }

    @Test
    void shouldReadColumnsInAnyOrderWithDefaultsForTheSimulatorOnlyOnes() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("universe.csv"),
            "# a comment\n\nreference_price,symbol,name,sector,currency,time_zone,session_open,session_close,price_decimals,price_increment,lot_size\n" +
            "10000,AAA,\"Aaa, Inc.\",Tech,USD,UTC,09:30,16:00,2,1,1\n");
        final List<SimulatedInstrument> instruments = InstrumentFile.load(file);
        assertEquals(1, instruments.size());
        assertEquals("Aaa, Inc.", instruments.get(0).instrument().getName());
        assertEquals(10_000, instruments.get(0).instrument().getReferencePrice());
        assertEquals(SimulatedInstrument.DEFAULT_VOLATILITY, instruments.get(0).volatility());
        assertEquals(SimulatedInstrument.DEFAULT_AVERAGE_DAILY_VOLUME, instruments.get(0).averageDailyVolume());
        assertEquals("", instruments.get(0).exchange());
    }

    @Test
    void shouldNameFileLineFieldAndReasonOfABadLine() throws Exception
    {
        assertError("AAA,A,Tech,USD,Mars/Olympus,09:30,16:00,2,1,1,100,0.2,1000\n",
            ":2: field time_zone='Mars/Olympus': not a known time zone");
        assertError("AAA,A,Tech,USD,UTC,9h30,16:00,2,1,1,100,0.2,1000\n",
            ":2: field session_open='9h30': expected HH:MM between 00:00 and 24:00");
        assertError("AAA,A,Tech,USD,UTC,09:30,16:00,2,5,1,101,0.2,1000\n",
            ":2: field reference_price='101': not a multiple of price_increment 5");
        assertError("AAA,A,Tech,USD,UTC,09:30,16:00,2,1,1,100,-0.2,1000\n",
            ":2: field volatility='-0.2': expected a number above 0.0 and at most 5.0");
        assertError("AAA,A,Tech,USD,UTC,09:30,16:00,2,1,1,100,0.2\n",
            ":2: expected 13 fields, as the header names, but found 12");
        assertError("AAA,A,Tech,USD,UTC,09:30,16:00,2,1,1,100,0.2,1000\n\n# comment\nAAA,A,Tech,USD,UTC,09:30,16:00,2,1,1,100,0.2,1000\n",
            ":5: field symbol='AAA': duplicate symbol");
    }

    @Test
    void shouldExplainAMissingOrUnknownHeaderColumn() throws Exception
    {
        final Path noHeader = Files.writeString(dir.resolve("no-header.csv"),
            "AAA,A,Tech,USD,UTC,09:30,16:00,2,1,1,100\n");
        final InstrumentFileException unknown = assertThrows(InstrumentFileException.class, () -> InstrumentFile.load(noHeader));
        assertTrue(unknown.getMessage().startsWith(noHeader + ":1: header column 1 'AAA': not a known column"), unknown.getMessage());

        final Path missing = Files.writeString(dir.resolve("missing.csv"), "symbol,name\nAAA,A\n");
        final InstrumentFileException ex = assertThrows(InstrumentFileException.class, () -> InstrumentFile.load(missing));
        assertTrue(ex.getMessage().startsWith(missing + ":1: header: missing column(s) sector,currency,time_zone"), ex.getMessage());
    }

    @Test
    void shouldSayWhenTheFileDoesNotExist()
    {
        final Path missing = dir.resolve("missing.csv");
        final InstrumentFileException ex = assertThrows(InstrumentFileException.class, () -> InstrumentFile.load(missing));
        assertEquals(missing + ": no such file", ex.getMessage());
    }

    private void assertError(final String lines, final String expected) throws Exception
    {
        final Path file = Files.writeString(dir.resolve("universe.csv"), HEADER + lines);
        final InstrumentFileException ex = assertThrows(InstrumentFileException.class, () -> InstrumentFile.load(file));
        assertTrue(ex.getMessage().startsWith(file + expected), ex.getMessage());
    }
}

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
    void shouldReadAVenuesLunchBreakAndTradingDays() throws Exception
    {
        final List<SimulatedInstrument> defaults = InstrumentFile.defaults();
        final SimulatedInstrument toyota = defaults.stream().filter(i -> i.symbol().equals("7203.T")).findFirst().orElseThrow();
        assertEquals("Mon-Fri 09:00-11:30, 12:30-15:30 Asia/Tokyo", toyota.hours().describe());
        final SimulatedInstrument bitcoin = defaults.stream().filter(i -> i.symbol().equals("BTCUSD")).findFirst().orElseThrow();
        assertEquals("Mon-Sun 00:00-24:00 UTC", bitcoin.hours().describe());
        assertEquals("Mon-Fri 09:30-16:00 America/New_York", defaults.get(0).hours().describe());

        final Path file = Files.writeString(dir.resolve("venues.csv"), "symbol,name,sector,currency,time_zone,session_open,session_close," +
            "price_decimals,price_increment,lot_size,reference_price,trading_days\n" +
            "AAA,A,Tech,USD,Asia/Jerusalem,09:30,17:00,2,1,1,100,Sun-Thu\n");
        assertEquals("Mon,Tue,Wed,Thu,Sun 09:30-17:00 Asia/Jerusalem", InstrumentFile.load(file).get(0).hours().describe());
    }

    @Test
    void shouldExplainABadBreakOrTradingDays() throws Exception
    {
        final String header = "symbol,name,sector,currency,time_zone,session_open,session_close," +
            "price_decimals,price_increment,lot_size,reference_price,break_start,break_end,trading_days\n";
        assertVenueError(header + "AAA,A,Tech,USD,UTC,09:00,15:00,2,1,1,100,11:30,,Mon-Fri\n",
            ":2: fields break_start='11:30', break_end='': give both (a lunch break) or neither");
        assertVenueError(header + "AAA,A,Tech,USD,UTC,09:00,15:00,2,1,1,100,08:00,10:00,Mon-Fri\n",
            ":2: fields break_start='08:00', break_end='10:00': the break must start after session_open, end after it starts and before session_close");
        assertVenueError(header + "AAA,A,Tech,USD,UTC,09:00,15:00,2,1,1,100,,,Weekdays\n",
            ":2: field trading_days='Weekdays': expected days as Mon-Fri, Mon-Sun or Mon,Wed,Fri (Mon Tue Wed Thu Fri Sat Sun)");
    }

    private void assertVenueError(final String content, final String expected) throws Exception
    {
        final Path file = Files.writeString(dir.resolve("bad-venue.csv"), content);
        final InstrumentFileException ex = assertThrows(InstrumentFileException.class, () -> InstrumentFile.load(file));
        assertEquals(file + expected, ex.getMessage());
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

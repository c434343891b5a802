package dev.ticker.simulator;

import dev.ticker.proto.v1.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InstrumentFileTest
{
    private static final String HEADER = "# symbol,name,sector,currency,time_zone,session_open,session_close," +
        "price_decimals,price_increment,lot_size,reference_price\n";

    @TempDir
    Path dir;

    @Test
    void shouldReadTheDefaultUniverseWithDenseIds()
    {
        final List<Instrument> instruments = InstrumentFile.defaults();
        assertEquals(12, instruments.size());
        for (int i = 0; i < instruments.size(); i++)
        {
            assertEquals(i, instruments.get(i).getId());
        }
        final Instrument aapl = instruments.get(0);
        assertEquals("AAPL", aapl.getSymbol());
        assertEquals("America/New_York", aapl.getTimeZone());
        assertEquals(9 * 60 + 30, aapl.getSessionOpenMinute());
        assertEquals(16 * 60, aapl.getSessionCloseMinute());
        assertEquals(4, aapl.getPriceDecimals());
    }

    @Test
    void shouldNameFileLineFieldAndReasonOfABadLine() throws Exception
    {
        assertError("AAA,A,Tech,USD,Mars/Olympus,09:30,16:00,2,1,1,100\n",
            ":2: field time_zone='Mars/Olympus': not a known time zone");
        assertError("AAA,A,Tech,USD,UTC,9h30,16:00,2,1,1,100\n",
            ":2: field session_open='9h30': expected HH:MM between 00:00 and 24:00");
        assertError("AAA,A,Tech,USD,UTC,09:30,16:00,2,5,1,101\n",
            ":2: field reference_price='101': not a multiple of price_increment 5");
        assertError("AAA,A,Tech,USD,UTC,09:30,16:00,2,1,1\n",
            ":2: expected 11 fields");
        assertError("AAA,A,Tech,USD,UTC,09:30,16:00,2,1,1,100\nAAA,A,Tech,USD,UTC,09:30,16:00,2,1,1,100\n",
            ":3: field symbol='AAA': duplicate symbol");
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
        assertEquals(true, ex.getMessage().startsWith(file + expected), ex.getMessage());
    }
}

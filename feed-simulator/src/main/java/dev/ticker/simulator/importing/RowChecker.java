package dev.ticker.simulator.importing;

import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TimeParser;
import dev.ticker.journal.TimeParser.EpochUnit;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.simulator.SimulatedInstrument;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks each line of a trades or quotes file (known symbol, time, prices on the instrument's
 * increment, sizes in whole lots, side, bid below ask), reports every problem with its place, and
 * hands good rows to the sorter. The one place of the symbol and time rules of an import: an
 * integer time is read in the stated unit, else in the unit inferred from its magnitude, which
 * must then be the same on every line of a file.
 */
final class RowChecker implements CsvRowReader.LineHandler
{
    private static final int TIME = 0;
    private static final int SYMBOL = 1;
    private static final int SHOWN_SYMBOLS = 8;

    private final List<SimulatedInstrument> universe;
    private final String universeName;
    private final Map<String, Integer> bySymbol = new HashMap<>();
    private final Map<String, String> byUpperCase = new HashMap<>();
    private final ZoneId[] zones;
    private final EpochUnit statedUnit;
    private final ImportProblems problems;
    private final RowSorter sorter;
    private final boolean[] used;
    private TickColumns kind;
    private EpochUnit inferredUnit;
    private String inferredAt;
    private String inferredNote = "";
    private long latestNs;
    private long outOfOrder;

    RowChecker(
        final List<SimulatedInstrument> universe,
        final String universeName,
        final EpochUnit statedUnit,
        final ImportProblems problems,
        final RowSorter sorter)
    {
        this.universe = universe;
        this.universeName = universeName;
        this.statedUnit = statedUnit;
        this.problems = problems;
        this.sorter = sorter;
        this.used = new boolean[universe.size()];
        this.zones = new ZoneId[universe.size()];
        for (int i = 0; i < universe.size(); i++)
        {
            final String symbol = universe.get(i).symbol();
            bySymbol.put(symbol, i);
            byUpperCase.put(symbol.toUpperCase(Locale.ROOT), symbol);
            zones[i] = ZoneId.of(universe.get(i).instrument().getTimeZone());
        }
    }

    /** The next lines are of {@code kind}, from a new file. */
    void startFile(final TickColumns kind)
    {
        this.kind = kind;
        inferredUnit = null;
        latestNs = Long.MIN_VALUE;
    }

    /** Which instruments (universe indices) the good rows name. */
    boolean[] used()
    {
        return used;
    }

    /** Lines earlier than a line above them in the same file. */
    long outOfOrder()
    {
        return outOfOrder;
    }

    /** Says which unit integer times were read in when it was inferred, one line per file; empty when none was. */
    String inferredUnits()
    {
        return inferredNote;
    }

    @Override
    public void onLine(final CsvRowReader line)
    {
        final long problemsBefore = problems.count();
        final int instrument = symbol(line, line.field(SYMBOL));
        final long timeNs = time(line, line.field(TIME), instrument);
        if (instrument < 0)
        {
            return;
        }
        final Instrument facts = universe.get(instrument).instrument();
        final boolean trade = kind == TickColumns.TRADES;
        // trades: price, size; quotes: bid_price, bid_size, ask_price, ask_size
        final long price = price(line, 2, facts);
        final long size = size(line, 3, facts, !trade);
        final long askPrice = trade ? 0 : price(line, 4, facts);
        final long askSize = trade ? 0 : size(line, 5, facts, true);
        final byte side = trade && line.has(4) ? side(line, line.field(4)) : TickDescriptor.SIDE_UNKNOWN;
        if (!trade && problems.count() == problemsBefore && price >= askPrice)
        {
            problems.add(line.where(), "bid_price", line.field(2), "not below ask_price " + line.field(4));
        }
        if (problems.count() > problemsBefore)
        {
            return;
        }
        outOfOrder += timeNs < latestNs ? 1 : 0;
        latestNs = Math.max(latestNs, timeNs);
        used[instrument] = true;
        sorter.add(timeNs, instrument, trade ? TickDescriptor.TYPE_TRADE : TickDescriptor.TYPE_QUOTE, side, price, size, askPrice, askSize);
    }

    private int symbol(final CsvRowReader line, final String symbol)
    {
        final Integer index = bySymbol.get(symbol);
        if (null != index)
        {
            return index;
        }
        final String otherCase = byUpperCase.get(symbol.toUpperCase(Locale.ROOT));
        problems.add(line.where(), "symbol", symbol, symbol.isEmpty() ? "missing" :
            null != otherCase ? "not in " + universeName + ", which has " + otherCase + " (symbols are matched exactly, case included)" :
            "not in " + universeName + " (" + someSymbols() + "); name it in an instrument file and pass --instruments FILE");
        return -1;
    }

    private String someSymbols()
    {
        final StringBuilder shown = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN_SYMBOLS, universe.size()); i++)
        {
            shown.append(i == 0 ? "" : ", ").append(universe.get(i).symbol());
        }
        return shown.append(universe.size() > SHOWN_SYMBOLS ? ", ... " + universe.size() + " in all" : "").toString();
    }

    private long time(final CsvRowReader line, final String text, final int instrument)
    {
        try
        {
            final EpochUnit unit = TimeParser.unitOf(text, statedUnit);
            if (null != unit && null == statedUnit)
            {
                if (null == inferredUnit)
                {
                    inferredUnit = unit;
                    inferredAt = line.where();
                    inferredNote += (inferredNote.isEmpty() ? "" : "\n") + line.file().getFileName() + ": integer times read as " +
                        unit.description() + " (inferred from their size; --time-unit states it)";
                }
                else if (unit != inferredUnit)
                {
                    problems.add(line.where(), "time", text, "reads as " + unit.description() + " but " + inferredAt.strip() +
                        " read as " + inferredUnit.description() + "; pass --time-unit s|ms|us|ns");
                    return 0;
                }
            }
            return TimeParser.epochNs(text, instrument < 0 ? null : zones[instrument], unit);
        }
        catch (final IllegalArgumentException ex)
        {
            if (instrument >= 0 || !ex.getMessage().startsWith("has no offset"))
            {
                problems.add(line.where(), "time", text, ex.getMessage() +
                    (ex.getMessage().startsWith("no unit") ? " (--time-unit s|ms|us|ns)" : ""));
            }
            return 0;
        }
    }

    private long price(final CsvRowReader line, final int column, final Instrument instrument)
    {
        final String text = line.field(column);
        final long units = units(line, column, instrument.getPriceDecimals(), "price");
        if (units == Long.MIN_VALUE)
        {
            return 0;
        }
        if (units <= 0)
        {
            problems.add(line.where(), kind.name(column), text, "must be above 0");
        }
        else if (units % instrument.getPriceIncrement() != 0)
        {
            problems.add(line.where(), kind.name(column), text, "not on the price increment " +
                BigDecimal.valueOf(instrument.getPriceIncrement(), instrument.getPriceDecimals()).stripTrailingZeros().toPlainString() +
                " of " + instrument.getSymbol());
        }
        return units;
    }

    private long size(final CsvRowReader line, final int column, final Instrument instrument, final boolean zeroAllowed)
    {
        final String text = line.field(column);
        final long size = units(line, column, 0, "size");
        if (size == Long.MIN_VALUE)
        {
            return 0;
        }
        if (size < 0 || (size == 0 && !zeroAllowed))
        {
            problems.add(line.where(), kind.name(column), text, "must be " + (zeroAllowed ? "0 or more" : "above 0"));
        }
        else if (size % instrument.getLotSize() != 0)
        {
            problems.add(line.where(), kind.name(column), text, "not a whole number of lots of " + instrument.getLotSize() +
                " for " + instrument.getSymbol());
        }
        return size;
    }

    /** The field in units of 10^-decimals, or {@link Long#MIN_VALUE} after reporting why it is not a number of them. */
    private long units(final CsvRowReader line, final int column, final int decimals, final String what)
    {
        final String text = line.field(column);
        try
        {
            final BigDecimal value = new BigDecimal(text).movePointRight(decimals);
            if (value.stripTrailingZeros().scale() > 0)
            {
                problems.add(line.where(), kind.name(column), text, decimals == 0 ? "not a whole number" : "more than " + decimals + " decimals");
                return Long.MIN_VALUE;
            }
            return value.longValueExact();
        }
        catch (final NumberFormatException ex)
        {
            problems.add(line.where(), kind.name(column), text, text.isEmpty() ? "missing" : "not a " + what);
            return Long.MIN_VALUE;
        }
        catch (final ArithmeticException ex)
        {
            problems.add(line.where(), kind.name(column), text, "out of range");
            return Long.MIN_VALUE;
        }
    }

    private byte side(final CsvRowReader line, final String text)
    {
        return switch (text.toUpperCase(Locale.ROOT))
        {
            case "" -> TickDescriptor.SIDE_UNKNOWN;
            case "B", "BUY" -> TickDescriptor.SIDE_BUY;
            case "S", "SELL" -> TickDescriptor.SIDE_SELL;
            default ->
            {
                problems.add(line.where(), "side", text, "expected B, BUY, S, SELL or nothing (map side= to ignore the column)");
                yield TickDescriptor.SIDE_UNKNOWN;
            }
        };
    }
}

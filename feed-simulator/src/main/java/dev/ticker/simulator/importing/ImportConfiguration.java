package dev.ticker.simulator.importing;

import dev.ticker.journal.TimeParser.EpochUnit;
import dev.ticker.simulator.InstrumentFile;
import dev.ticker.simulator.SimulatedInstrument;

import java.nio.file.Path;
import java.util.List;

/**
 * Every setting of an import of trades and quotes from CSV, with its default. {@link #validate()}
 * checks them once, before anything is read, and names the bad one as {@code key=value: why}.
 *
 * <table>
 *   <caption>Import settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>journal</td><td>(required)</td><td>the journal folder to write; must not hold records</td></tr>
 *   <tr><td>trades</td><td>none</td><td>CSV of trades: time,symbol,price,size[,side]</td></tr>
 *   <tr><td>quotes</td><td>none</td><td>CSV of quotes: time,symbol,bid_price,bid_size,ask_price,ask_size</td></tr>
 *   <tr><td>instruments</td><td>the built-in universe</td><td>the instruments the files may name, with their price increments and lots</td></tr>
 *   <tr><td>replace</td><td>false</td><td>replace a journal that already holds records</td></tr>
 *   <tr><td>timeUnit</td><td>inferred</td><td>the unit of integer times (s, ms, us, ns); inferred from their size when not set</td></tr>
 *   <tr><td>columns</td><td>each column under its own name</td><td>which header names hold the columns ({@link ColumnMapping})</td></tr>
 *   <tr><td>instrumentsName</td><td>"the built-in universe"</td><td>how problems name the instruments' source</td></tr>
 *   <tr><td>sortChunkRows</td><td>from the heap</td><td>rows sorted in memory at a time before they go to disk</td></tr>
 * </table>
 */
public final class ImportConfiguration
{
    private Path journal;
    private Path trades;
    private Path quotes;
    private boolean replace;
    private List<SimulatedInstrument> instruments;
    private String instrumentsName = "the built-in universe";
    private EpochUnit timeUnit;
    private ColumnMapping columns = ColumnMapping.IDENTITY;
    private int sortChunkRows = RowSorter.chunkRowsForHeap(Runtime.getRuntime().maxMemory());

    public Path journal()
    {
        return journal;
    }

    public ImportConfiguration journal(final Path journal)
    {
        this.journal = journal;
        return this;
    }

    public Path trades()
    {
        return trades;
    }

    public ImportConfiguration trades(final Path trades)
    {
        this.trades = trades;
        return this;
    }

    public Path quotes()
    {
        return quotes;
    }

    public ImportConfiguration quotes(final Path quotes)
    {
        this.quotes = quotes;
        return this;
    }

    public boolean replace()
    {
        return replace;
    }

    public ImportConfiguration replace(final boolean replace)
    {
        this.replace = replace;
        return this;
    }

    /** The instruments the files may name; the built-in universe when none were set. */
    public List<SimulatedInstrument> instruments()
    {
        if (null == instruments)
        {
            instruments = InstrumentFile.defaults();
        }
        return instruments;
    }

    public ImportConfiguration instruments(final List<SimulatedInstrument> instruments)
    {
        this.instruments = List.copyOf(instruments);
        return this;
    }

    /** How problems name where the instruments come from: "the built-in universe" or "the instrument file F". */
    public String instrumentsName()
    {
        return instrumentsName;
    }

    public ImportConfiguration instrumentsName(final String instrumentsName)
    {
        this.instrumentsName = instrumentsName;
        return this;
    }

    /** The unit of integer times; null to infer it from their size. */
    public EpochUnit timeUnit()
    {
        return timeUnit;
    }

    public ImportConfiguration timeUnit(final EpochUnit timeUnit)
    {
        this.timeUnit = timeUnit;
        return this;
    }

    public ColumnMapping columns()
    {
        return columns;
    }

    public ImportConfiguration columns(final ColumnMapping columns)
    {
        this.columns = columns;
        return this;
    }

    public int sortChunkRows()
    {
        return sortChunkRows;
    }

    public ImportConfiguration sortChunkRows(final int sortChunkRows)
    {
        this.sortChunkRows = sortChunkRows;
        return this;
    }

    /** @throws IllegalArgumentException naming the first bad setting as {@code key=value: why}. */
    public ImportConfiguration validate()
    {
        if (null == journal)
        {
            throw new IllegalArgumentException("journal=null: a journal folder to write is needed");
        }
        if (null == trades && null == quotes)
        {
            throw new IllegalArgumentException("trades=null: a file of trades or of quotes to import is needed");
        }
        if (instruments().isEmpty())
        {
            throw new IllegalArgumentException("instruments=[]: at least one instrument is needed");
        }
        if (sortChunkRows < 1)
        {
            throw new IllegalArgumentException("sortChunkRows=" + sortChunkRows + ": at least one row is sorted at a time");
        }
        return this;
    }
}

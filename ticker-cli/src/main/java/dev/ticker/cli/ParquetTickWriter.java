package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import org.duckdb.DuckDBAppender;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;

/**
 * {@code ticker replay --format parquet}: one row per tick with typed columns, for pandas, Polars
 * and DuckDB: {@code time} is a TIMESTAMP_NS (UTC, nanoseconds kept), prices are DECIMAL(18, S)
 * with S the largest price_decimals of the journal's instruments (exact, the scale in the schema),
 * columns that do not apply to a tick's type are null.
 */
final class ParquetTickWriter implements TickSink
{
    private final OutputStream out;
    private final TickText text;
    private final ParquetTable table;
    private final int scale;
    private final long[] toScale;

    ParquetTickWriter(final OutputStream out, final InstrumentCatalog catalog) throws IOException
    {
        this.out = out;
        this.text = new TickText(catalog);
        this.scale = ParquetTable.scale(catalog);
        this.toScale = new long[catalog.size()];
        for (int id = 0; id < toScale.length; id++)
        {
            toScale[id] = pow10(scale - catalog.byId(id).getPriceDecimals());
        }
        final String price = "DECIMAL(18," + scale + ")";
        this.table = new ParquetTable("sequence BIGINT, time TIMESTAMP_NS, symbol VARCHAR, instrument_id INTEGER, type VARCHAR, " +
            "price " + price + ", size BIGINT, side VARCHAR, bid_price " + price + ", bid_size BIGINT, ask_price " + price + ", " +
            "ask_size BIGINT, status VARCHAR");
    }

    static long pow10(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }

    @Override
    public void onTick(final Tick tick) throws IOException
    {
        final int id = tick.instrumentId;
        final long factor = id >= 0 && id < toScale.length ? toScale[id] : 1;
        try
        {
            final DuckDBAppender row = table.appender().beginRow();
            row.append(tick.sequence).appendEpochNanos(tick.eventTimeNs).append(text.symbol(id)).append(id).append(TickText.type(tick.type));
            if (tick.isTrade())
            {
                row.appendDecimal(tick.price * factor).append(tick.size).append(TickText.side(tick.side));
                row.appendNull().appendNull().appendNull().appendNull().appendNull();
            }
            else if (tick.isQuote())
            {
                row.appendNull().appendNull().appendNull();
                row.appendDecimal(tick.price * factor).append(tick.size).appendDecimal(tick.askPrice * factor).append(tick.askSize);
                row.appendNull();
            }
            else
            {
                row.appendNull().appendNull().appendNull().appendNull().appendNull().appendNull().appendNull();
                row.append(TickText.status(tick.status()));
            }
            row.endRow();
        }
        catch (final SQLException ex)
        {
            throw new IOException("cannot add tick " + tick.sequence + " to the Parquet export: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void flush()
    {
        // a Parquet file is written whole, at the end
    }

    @Override
    public void close() throws IOException
    {
        try (table; out)
        {
            table.writeTo(out);
        }
    }
}

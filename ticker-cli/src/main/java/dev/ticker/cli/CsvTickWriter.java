package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code ticker replay --format csv}: RFC 4180 CSV with a header, one line per tick. Cells that do
 * not apply to a tick's type are empty: trades fill price/size/side, quotes the bid and ask
 * columns, status changes the status column.
 */
final class CsvTickWriter implements TickSink
{
    static final String HEADER = "sequence,time,time_ns,symbol,instrument_id,type,price,price_raw,size,side," +
        "bid_price,bid_price_raw,bid_size,ask_price,ask_price_raw,ask_size,status";

    private final Writer out;
    private final TickText text;
    private final String[] csvSymbols;
    private final StringBuilder line = new StringBuilder(256);

    CsvTickWriter(final OutputStream out, final InstrumentCatalog catalog) throws IOException
    {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.text = new TickText(catalog);
        this.csvSymbols = new String[catalog.size()];
        for (int id = 0; id < csvSymbols.length; id++)
        {
            csvSymbols[id] = escape(text.symbol(id));
        }
        this.out.write(HEADER);
        this.out.write('\n');
    }

    /** A cell as RFC 4180 wants it: quoted, with quotes doubled, when it holds a comma, quote or line break. */
    static String escape(final String cell)
    {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0)
        {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    @Override
    public void onTick(final Tick tick) throws IOException
    {
        final int id = tick.instrumentId;
        final int decimals = text.priceDecimals(id);
        final StringBuilder l = line;
        l.setLength(0);
        l.append(tick.sequence).append(',');
        text.appendTime(l, tick.eventTimeNs).append(',');
        l.append(tick.eventTimeNs).append(',');
        l.append(id >= 0 && id < csvSymbols.length ? csvSymbols[id] : "").append(',');
        l.append(id).append(',');
        l.append(TickText.type(tick.type)).append(',');
        if (tick.isTrade())
        {
            TickText.appendPrice(l, tick.price, decimals).append(',');
            l.append(tick.price).append(',').append(tick.size).append(',').append(TickText.side(tick.side));
            l.append(",,,,,,,");
        }
        else if (tick.isQuote())
        {
            l.append(",,,,");
            TickText.appendPrice(l, tick.price, decimals).append(',');
            l.append(tick.price).append(',').append(tick.size).append(',');
            TickText.appendPrice(l, tick.askPrice, decimals).append(',');
            l.append(tick.askPrice).append(',').append(tick.askSize).append(',');
        }
        else
        {
            l.append(",,,,,,,,,,");
            l.append(TickText.status(tick.status()));
        }
        l.append('\n');
        out.append(l);
    }

    @Override
    public void flush() throws IOException
    {
        out.flush();
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }
}

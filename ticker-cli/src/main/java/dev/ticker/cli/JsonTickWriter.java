package dev.ticker.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code ticker replay --format json}: JSON Lines, one flat object per tick with the same names as
 * the CSV columns, only those that apply to the tick's type. Decimal prices are JSON numbers
 * written with exactly the instrument's price_decimals; the raw integers sit beside them.
 */
final class JsonTickWriter implements TickSink
{
    private final JsonGenerator json;
    private final TickText text;
    private final StringBuilder number = new StringBuilder(32);

    JsonTickWriter(final OutputStream out, final InstrumentCatalog catalog) throws IOException
    {
        this.json = new JsonFactory().createGenerator(out);
        this.json.setPrettyPrinter(new MinimalPrettyPrinter(""));
        this.text = new TickText(catalog);
    }

    @Override
    public void onTick(final Tick tick) throws IOException
    {
        final int id = tick.instrumentId;
        final int decimals = text.priceDecimals(id);
        json.writeStartObject();
        json.writeNumberField("sequence", tick.sequence);
        number.setLength(0);
        json.writeStringField("time", text.appendTime(number, tick.eventTimeNs).toString());
        // a string: a JSON number above 2^53 loses precision in JSON.parse
        json.writeStringField("time_ns", Long.toString(tick.eventTimeNs));
        json.writeStringField("symbol", text.symbol(id));
        json.writeNumberField("instrument_id", id);
        json.writeStringField("type", TickText.type(tick.type));
        if (tick.isTrade())
        {
            writePrice("price", tick.price, decimals);
            json.writeNumberField("size", tick.size);
            json.writeStringField("side", TickText.side(tick.side));
        }
        else if (tick.isQuote())
        {
            writePrice("bid_price", tick.price, decimals);
            json.writeNumberField("bid_size", tick.size);
            writePrice("ask_price", tick.askPrice, decimals);
            json.writeNumberField("ask_size", tick.askSize);
        }
        else
        {
            json.writeStringField("status", TickText.status(tick.status()));
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writePrice(final String name, final long price, final int decimals) throws IOException
    {
        number.setLength(0);
        json.writeFieldName(name);
        json.writeNumber(TickText.appendPrice(number, price, decimals).toString());
        json.writeNumberField(name + "_raw", price);
    }

    @Override
    public void flush() throws IOException
    {
        json.flush();
    }

    @Override
    public void close() throws IOException
    {
        json.close();
    }
}

package dev.ticker.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.proto.v1.Bar;
import org.duckdb.DuckDBAppender;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * The formats of {@code ticker bars}: the same columns in each, prices as decimals in the
 * instrument's currency, times as ISO-8601 and as epoch nanoseconds (a string in JSON, where a
 * number above 2^53 would lose precision).
 */
final class BarWriters
{
    static final String CSV_HEADER = "symbol,interval,start,start_ns,open,high,low,close,volume,trade_count,vwap,last_sequence";

    private BarWriters()
    {
    }

    static void csv(final OutputStream stream, final List<BarSink.VwapBar> bars, final String interval) throws IOException
    {
        final Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        out.write(CSV_HEADER);
        out.write('\n');
        final StringBuilder line = new StringBuilder(160);
        for (final BarSink.VwapBar row : bars)
        {
            final Bar bar = row.bar();
            final int decimals = row.instrument().getPriceDecimals();
            line.setLength(0);
            line.append(CsvTickWriter.escape(row.instrument().getSymbol())).append(',').append(interval).append(',');
            line.append(ReplayWindow.iso(bar.getStartTimeNs())).append(',').append(bar.getStartTimeNs()).append(',');
            TickText.appendPrice(line, bar.getOpen(), decimals).append(',');
            TickText.appendPrice(line, bar.getHigh(), decimals).append(',');
            TickText.appendPrice(line, bar.getLow(), decimals).append(',');
            TickText.appendPrice(line, bar.getClose(), decimals).append(',');
            line.append(bar.getVolume()).append(',').append(bar.getTradeCount()).append(',');
            line.append(null == row.vwap() ? "" : row.vwap().toPlainString()).append(',').append(bar.getLastSequence()).append('\n');
            out.append(line);
        }
        out.flush();
    }

    static void json(final OutputStream stream, final List<BarSink.VwapBar> bars, final String interval) throws IOException
    {
        final JsonGenerator json = new JsonFactory().createGenerator(stream);
        json.setPrettyPrinter(new MinimalPrettyPrinter(""));
        final StringBuilder number = new StringBuilder(32);
        for (final BarSink.VwapBar row : bars)
        {
            final Bar bar = row.bar();
            final int decimals = row.instrument().getPriceDecimals();
            json.writeStartObject();
            json.writeStringField("symbol", row.instrument().getSymbol());
            json.writeStringField("interval", interval);
            json.writeStringField("start", ReplayWindow.iso(bar.getStartTimeNs()));
            json.writeStringField("start_ns", Long.toString(bar.getStartTimeNs()));
            for (final String field : new String[] {"open", "high", "low", "close"})
            {
                final long price = switch (field)
                {
                    case "open" -> bar.getOpen();
                    case "high" -> bar.getHigh();
                    case "low" -> bar.getLow();
                    default -> bar.getClose();
                };
                number.setLength(0);
                json.writeFieldName(field);
                json.writeNumber(TickText.appendPrice(number, price, decimals).toString());
            }
            json.writeNumberField("volume", bar.getVolume());
            json.writeNumberField("trade_count", bar.getTradeCount());
            if (null != row.vwap())
            {
                json.writeFieldName("vwap");
                json.writeNumber(row.vwap().toPlainString());
            }
            json.writeStringField("last_sequence", Long.toString(bar.getLastSequence()));
            json.writeEndObject();
            json.writeRaw('\n');
        }
        json.flush();
    }

    static void parquet(final OutputStream out, final List<BarSink.VwapBar> bars, final String interval, final InstrumentCatalog catalog)
        throws IOException
    {
        final int scale = ParquetTable.scale(catalog);
        final int vwapScale = Math.min(18, scale + BarSink.VWAP_EXTRA_DECIMALS);
        final String price = "DECIMAL(18," + scale + ")";
        try (ParquetTable table = new ParquetTable("symbol VARCHAR, interval VARCHAR, start TIMESTAMP_NS, open " + price + ", high " +
            price + ", low " + price + ", close " + price + ", volume BIGINT, trade_count BIGINT, vwap DECIMAL(18," + vwapScale + "), " +
            "last_sequence BIGINT"))
        {
            for (final BarSink.VwapBar row : bars)
            {
                final Bar bar = row.bar();
                final long factor = ParquetTickWriter.pow10(scale - row.instrument().getPriceDecimals());
                final DuckDBAppender appender = table.appender().beginRow();
                appender.append(row.instrument().getSymbol()).append(interval).appendEpochNanos(bar.getStartTimeNs())
                    .appendDecimal(bar.getOpen() * factor).appendDecimal(bar.getHigh() * factor)
                    .appendDecimal(bar.getLow() * factor).appendDecimal(bar.getClose() * factor)
                    .append(bar.getVolume()).append(bar.getTradeCount());
                if (null == row.vwap())
                {
                    appender.appendNull();
                }
                else
                {
                    appender.append(row.vwap().setScale(vwapScale, java.math.RoundingMode.HALF_EVEN));
                }
                appender.append(bar.getLastSequence()).endRow();
            }
            table.writeTo(out);
        }
        catch (final SQLException ex)
        {
            throw new IOException("cannot add a bar to the Parquet export: " + ex.getMessage(), ex);
        }
    }
}

package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** The file formats of {@code ticker replay --format}. */
enum TickFormat
{
    CSV, JSON, PROTO, PARQUET;

    /** A writer of this format on {@code out}, which it closes. */
    TickSink open(final OutputStream out, final InstrumentCatalog catalog) throws IOException
    {
        switch (this)
        {
            case CSV:
                return new CsvTickWriter(out, catalog);
            case JSON:
                return new JsonTickWriter(out, catalog);
            case PARQUET:
                return new ParquetTickWriter(out, catalog);
            default:
                return new ProtoTickWriter(out);
        }
    }

    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads csv, json or proto in any case. */
    static final class Converter implements CommandLine.ITypeConverter<TickFormat>
    {
        @Override
        public TickFormat convert(final String value)
        {
            for (final TickFormat format : values())
            {
                if (format.name().equalsIgnoreCase(value.strip()))
                {
                    return format;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "': expected csv, json, proto or parquet");
        }
    }
}

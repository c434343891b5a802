package dev.ticker.simulator.importing;

import dev.ticker.simulator.InstrumentFile;
import dev.ticker.simulator.ProgressListener;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of one CSV file of trades or quotes: skips a UTF-8 byte-order mark (Excel's
 * "CSV UTF-8"), comments and blank lines, finds the columns through the {@link ColumnMapping}, and
 * hands each line on with its fields and its place ({@code FILE:LINE: }) for problems.
 */
final class CsvRowReader
{
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
        .setCommentMarker('#')
        .setIgnoreEmptyLines(true)
        .setIgnoreSurroundingSpaces(true)
        .get();
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int PROGRESS_ROWS = 16_384;
    private static final int BUFFER_CHARS = 1 << 16;

    /** Hears each line after the header. */
    interface LineHandler
    {
        void onLine(CsvRowReader line);
    }

    private final Path file;
    private final TickColumns kind;
    private final ColumnMapping mapping;
    private final ImportProblems problems;
    private CSVRecord record;
    private CSVParser parser;
    private int[] columns;

    CsvRowReader(final Path file, final TickColumns kind, final ColumnMapping mapping, final ImportProblems problems)
    {
        this.file = file;
        this.kind = kind;
        this.mapping = mapping;
        this.problems = problems;
    }

    Path file()
    {
        return file;
    }

    /** Reads every line of the file; a file that cannot be read or has a bad header is one problem. */
    void read(final LineHandler handler, final ProgressListener progress, final Runnable checkCancelled)
    {
        final long size;
        try
        {
            size = Files.size(file);
        }
        catch (final NoSuchFileException ex)
        {
            problems.add(file + ": no such file");
            return;
        }
        catch (final IOException ex)
        {
            problems.add(file + ": cannot be read: " + describe(ex));
            return;
        }
        progress.onStart("Reading " + file.getFileName(), size, "B");
        try (CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER_CHARS))
        {
            skipByteOrderMark(reader);
            try (CSVParser csv = CSVParser.builder().setReader(reader).setFormat(FORMAT).get())
            {
                parser = csv;
                for (final CSVRecord line : csv)
                {
                    record = line;
                    if (null == columns)
                    {
                        if (!header())
                        {
                            break;
                        }
                        continue;
                    }
                    handler.onLine(this);
                    if (line.getRecordNumber() % PROGRESS_ROWS == 0)
                    {
                        progress.onProgress(in.count());
                        checkCancelled.run();
                    }
                }
            }
            if (null == columns && problems.count() == 0)
            {
                problems.add(file + ":1: expected a header line naming the columns " + kind.describe());
            }
        }
        catch (final UncheckedIOException ex)
        {
            problems.add(InstrumentFile.notValidCsv(file.toString(), ex.getCause()));
        }
        catch (final IOException ex)
        {
            problems.add(file + ": cannot be read: " + describe(ex));
        }
        finally
        {
            record = null;
            parser = null;
        }
        progress.onProgress(size);
        progress.onEnd();
    }

    private boolean header()
    {
        final List<String> names = new ArrayList<>(record.size());
        record.forEach(names::add);
        try
        {
            columns = mapping.resolve(kind, names);
            return true;
        }
        catch (final IllegalArgumentException ex)
        {
            problems.add(where() + ex.getMessage());
            return false;
        }
    }

    /** The field of the current line in {@code column} (a {@link TickColumns} position); empty when absent. */
    String field(final int column)
    {
        final int at = columns[column];
        return at >= 0 && at < record.size() ? record.get(at).strip() : "";
    }

    /** Whether the file has the optional {@code column}. */
    boolean has(final int column)
    {
        return columns[column] >= 0;
    }

    /** {@code FILE:LINE: } of the current line, for a problem (built only then). */
    String where()
    {
        return file + ":" + InstrumentFile.lineOf(record, parser) + ": ";
    }

    private static void skipByteOrderMark(final BufferedReader reader) throws IOException
    {
        reader.mark(1);
        if (reader.read() != BYTE_ORDER_MARK)
        {
            reader.reset();
        }
    }

    private static String describe(final IOException ex)
    {
        return ex.getClass().getSimpleName() + (null == ex.getMessage() ? "" : " (" + ex.getMessage() + ")");
    }

    /** Counts the bytes read, for the progress of reading a file. */
    private static final class CountingInputStream extends FilterInputStream
    {
        private long count;

        CountingInputStream(final InputStream in)
        {
            super(in);
        }

        long count()
        {
            return count;
        }

        @Override
        public int read() throws IOException
        {
            final int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException
        {
            final int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(final long n) throws IOException
        {
            final long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}

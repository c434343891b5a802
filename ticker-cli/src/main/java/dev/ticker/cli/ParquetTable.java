package dev.ticker.cli;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A table filled row by row and written out as one Parquet file, through DuckDB (an embedded,
 * maintained engine with its own Parquet writer, in one jar and without a Hadoop stack). The rows
 * go into a DuckDB database in a temporary folder, so an export larger than memory spills to disk;
 * the folder is removed on close.
 */
final class ParquetTable implements AutoCloseable
{
    static final String TABLE = "export";

    private final Path folder;
    private final DuckDBConnection connection;
    private final DuckDBAppender appender;

    /**
     * @param columns the table's column definitions in DuckDB's SQL, e.g. {@code time TIMESTAMP_NS, price DECIMAL(18,4)}.
     */
    ParquetTable(final String columns) throws IOException
    {
        folder = Files.createTempDirectory("ticker-parquet-");
        try
        {
            connection = (DuckDBConnection)DriverManager.getConnection("jdbc:duckdb:" + folder.resolve("export.duckdb"));
            try (Statement statement = connection.createStatement())
            {
                statement.execute("CREATE TABLE " + TABLE + " (" + columns + ")");
            }
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE);
        }
        catch (final SQLException ex)
        {
            delete(folder);
            throw new IOException("cannot start DuckDB for the Parquet export: " + ex.getMessage(), ex);
        }
    }

    /** Starts a row: append each column's value in order, then {@link DuckDBAppender#endRow()}. */
    DuckDBAppender appender()
    {
        return appender;
    }

    /** Writes every row appended as a Parquet file (zstd) and copies its bytes to {@code out}. */
    void writeTo(final OutputStream out) throws IOException
    {
        final Path file = folder.resolve("export.parquet");
        try
        {
            appender.close();
            try (Statement statement = connection.createStatement())
            {
                statement.execute("COPY " + TABLE + " TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet, COMPRESSION zstd)");
            }
        }
        catch (final SQLException ex)
        {
            throw new IOException("DuckDB could not write the Parquet file: " + ex.getMessage(), ex);
        }
        Files.copy(file, out);
        out.flush();
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            if (!appender.isClosed())
            {
                appender.close();
            }
            connection.close();
        }
        catch (final SQLException ex)
        {
            throw new IOException("cannot close DuckDB: " + ex.getMessage(), ex);
        }
        finally
        {
            delete(folder);
        }
    }

    /** The largest price_decimals of the instruments: the scale of every price column. */
    static int scale(final dev.ticker.journal.InstrumentCatalog catalog)
    {
        int scale = 0;
        for (int id = 0; id < catalog.size(); id++)
        {
            scale = Math.max(scale, catalog.byId(id).getPriceDecimals());
        }
        return scale;
    }

    private static void delete(final Path folder)
    {
        try (Stream<Path> files = Files.walk(folder))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + folder, ex);
        }
    }
}

package dev.ticker.simulator.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which header name of a file holds each column the importer reads: the column's own name unless
 * mapped ({@code time=timestamp,symbol=ticker}); a column mapped to nothing ({@code side=}) is not
 * read. Names are matched ignoring case and surrounding spaces; columns nobody names are ignored.
 * The one place where header names become column positions.
 */
public final class ColumnMapping
{
    /** Every column under its own name. */
    public static final ColumnMapping IDENTITY = new ColumnMapping(Map.of());

    private final Map<String, String> headerByColumn;

    private ColumnMapping(final Map<String, String> headerByColumn)
    {
        this.headerByColumn = Map.copyOf(headerByColumn);
    }

    /**
     * Reads {@code column=header} pairs, separated by commas or line breaks; {@code #} starts a comment.
     *
     * @param source names the text in errors ({@code --columns} or a file).
     * @throws IllegalArgumentException naming the bad pair and why.
     */
    public static ColumnMapping parse(final String source, final String text)
    {
        final Map<String, String> mapping = new LinkedHashMap<>();
        for (final String line : text.split("\\R"))
        {
            final int comment = line.indexOf('#');
            for (final String pair : (comment >= 0 ? line.substring(0, comment) : line).split(","))
            {
                if (pair.isBlank())
                {
                    continue;
                }
                final int equals = pair.indexOf('=');
                if (equals < 0)
                {
                    throw new IllegalArgumentException(source + ": '" + pair.strip() + "': expected COLUMN=HEADER, e.g. time=timestamp");
                }
                final String column = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                if (!TickColumns.ALL.contains(column))
                {
                    throw new IllegalArgumentException(source + ": '" + pair.strip() + "': " + column +
                        " is not a column the importer reads; those are " + String.join(", ", TickColumns.ALL));
                }
                if (null != mapping.put(column, pair.substring(equals + 1).strip()))
                {
                    throw new IllegalArgumentException(source + ": '" + pair.strip() + "': " + column + " is mapped twice");
                }
            }
        }
        return new ColumnMapping(mapping);
    }

    /**
     * Reads a mapping file: {@code column=header} pairs, one a line or separated by commas.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds a bad pair.
     */
    public static ColumnMapping load(final Path file)
    {
        try
        {
            return parse(file.toString(), Files.readString(file));
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException(file + ": no such file", ex);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(file + ": cannot be read: " + ex.getMessage(), ex);
        }
    }

    /** This mapping with the pairs of {@code other} added; a column both map is an error. */
    public ColumnMapping with(final ColumnMapping other)
    {
        final Map<String, String> merged = new HashMap<>(headerByColumn);
        for (final Map.Entry<String, String> pair : other.headerByColumn.entrySet())
        {
            if (null != merged.put(pair.getKey(), pair.getValue()))
            {
                throw new IllegalArgumentException("columns: " + pair.getKey() + " is mapped both by --columns and by the mapping file");
            }
        }
        return new ColumnMapping(merged);
    }

    /** The header name that holds {@code column}; empty when the column is not read. */
    String header(final String column)
    {
        return headerByColumn.getOrDefault(column, column);
    }

    /**
     * The position in {@code header} of each column of {@code kind}, in {@link TickColumns} order; -1
     * for an optional column that is absent or not read.
     *
     * @throws IllegalArgumentException saying which columns are missing, what the header names and how to map them.
     */
    int[] resolve(final TickColumns kind, final List<String> header)
    {
        final Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++)
        {
            position.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        final int[] columns = new int[kind.count()];
        final List<String> missing = new ArrayList<>();
        for (int c = 0; c < kind.count(); c++)
        {
            final String name = header(kind.name(c));
            final Integer at = name.isEmpty() ? null : position.get(name.toLowerCase(Locale.ROOT));
            columns[c] = null == at ? -1 : at;
            if (null == at && c < kind.required().size())
            {
                missing.add(name.equals(kind.name(c)) ? name : kind.name(c) + " (mapped to '" + name + "')");
            }
        }
        if (!missing.isEmpty())
        {
            throw new IllegalArgumentException("header: missing column(s) " + String.join(", ", missing) + "; the header names " +
                String.join(",", header) + "; the importer reads " + kind.describe() +
                ": map other names with --columns, e.g. --columns time=timestamp,symbol=ticker");
        }
        return columns;
    }
}

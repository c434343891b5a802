package dev.ticker.server.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Holds the server table of docs/configuration.md to {@link ServerSettings}, the one description of the settings. */
class ConfigurationDocumentTest
{
    private static final Path DOCUMENT = Path.of("..", "docs", "configuration.md");
    private static final String SECTION = "## Server ";

    @Test
    void shouldListEverySettingExactlyOnce() throws IOException
    {
        final Map<String, Integer> rowsPerKey = new HashMap<>();
        for (final Row row : serverRows())
        {
            rowsPerKey.merge(row.key(), 1, Integer::sum);
        }
        for (final Setting<?> setting : ServerSettings.ALL)
        {
            assertEquals(1, rowsPerKey.getOrDefault(setting.key(), 0), "rows for " + setting.key() + " in " + DOCUMENT);
        }
    }

    @Test
    void shouldNameNoSettingTheServerDoesNotHave() throws IOException
    {
        for (final Row row : serverRows())
        {
            assertNotNull(setting(row.key()), "line " + row.line() + " of " + DOCUMENT + " names an unknown setting " + row.key());
        }
    }

    @Test
    void shouldGiveEachSettingItsFlagAndDefault() throws IOException
    {
        for (final Row row : serverRows())
        {
            final Setting<?> setting = setting(row.key());
            if (null == setting)
            {
                continue;
            }
            assertEquals(flagCell(setting), row.flag(), "flag of " + row.key() + " on line " + row.line() + " of " + DOCUMENT);
            assertEquals(setting.defaultText(), row.defaultValue().replace("`", ""),
                "default of " + row.key() + " on line " + row.line() + " of " + DOCUMENT);
        }
    }

    /** The flag column as the document writes it: {@code `--flush-ms MS`}, or a dash for a setting without one. */
    private static String flagCell(final Setting<?> setting)
    {
        if (null == setting.flag())
        {
            return "–";
        }
        return "`" + setting.flag() + (null == setting.paramLabel() ? "" : " " + setting.paramLabel()) + (setting.isList() ? ",…" : "") + "`";
    }

    private static Setting<?> setting(final String key)
    {
        return ServerSettings.ALL.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    }

    /** The rows of the table under the server's heading: | flag | setting | default | meaning |. */
    private static List<Row> serverRows() throws IOException
    {
        final List<String> lines = Files.readAllLines(DOCUMENT);
        int i = 0;
        while (i < lines.size() && !lines.get(i).startsWith(SECTION))
        {
            i++;
        }
        assertTrue(i < lines.size(), "no heading '" + SECTION + "' in " + DOCUMENT);
        while (i < lines.size() && !lines.get(i).startsWith("|"))
        {
            i++;
        }
        assertEquals(List.of("flag", "setting", "default", "meaning"), cells(lines.get(i)), "header of the server table");
        i += 2; // the header and the |---| line under it

        final List<Row> rows = new ArrayList<>();
        for (; i < lines.size() && lines.get(i).startsWith("|"); i++)
        {
            final List<String> cells = cells(lines.get(i));
            assertEquals(4, cells.size(), "cells on line " + (i + 1) + " of " + DOCUMENT);
            rows.add(new Row(i + 1, cells.get(0), cells.get(1).replace("`", ""), cells.get(2)));
        }
        assertFalse(rows.isEmpty(), "no rows in the server table of " + DOCUMENT);
        return rows;
    }

    /** The cells of a Markdown table line, split at each | that is not escaped. */
    private static List<String> cells(final String line)
    {
        final String inner = line.strip().substring(1, line.strip().length() - 1);
        final List<String> cells = new ArrayList<>();
        for (final String cell : inner.split("(?<!\\\\)\\|", -1))
        {
            cells.add(cell.strip());
        }
        return cells;
    }

    private record Row(int line, String flag, String key, String defaultValue)
    {
    }
}

package dev.ticker.simulator.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem an import finds, as {@code FILE:LINE: field='value': why}: all are
 * counted, the first {@link CsvImporter#MAX_PROBLEMS_LISTED} kept for the report.
 */
final class ImportProblems
{
    private final List<String> listed = new ArrayList<>();
    private long count;

    void add(final String problem)
    {
        count++;
        if (listed.size() < CsvImporter.MAX_PROBLEMS_LISTED)
        {
            listed.add(problem);
        }
    }

    /** A problem with one field of a line: {@code where field='value': why}. */
    void add(final String where, final String field, final String value, final String why)
    {
        add(where + field + "='" + value + "': " + why);
    }

    long count()
    {
        return count;
    }

    /** @throws ImportException listing the problems, when there is any. */
    void throwIfAny()
    {
        if (count > 0)
        {
            throw new ImportException(listed, count);
        }
    }
}

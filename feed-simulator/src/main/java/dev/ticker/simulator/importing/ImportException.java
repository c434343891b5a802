package dev.ticker.simulator.importing;

import java.util.List;

/**
 * An import found bad input and wrote nothing. Each problem names the file, line, field and
 * reason ({@code trades.csv:12: price='abc': not a decimal number}); the message holds the first
 * ones, one per line, and how many there were in all.
 */
public final class ImportException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;
    private final long problemCount;

    public ImportException(final List<String> problems, final long problemCount)
    {
        super(describe(problems, problemCount));
        this.problems = List.copyOf(problems);
        this.problemCount = problemCount;
    }

    /** The first problems found, at most {@link CsvImporter#MAX_PROBLEMS_LISTED}. */
    public List<String> problems()
    {
        return problems;
    }

    /** All problems found. */
    public long problemCount()
    {
        return problemCount;
    }

    private static String describe(final List<String> problems, final long count)
    {
        final StringBuilder message = new StringBuilder(String.join("\n", problems));
        if (count > 1 || problems.isEmpty())
        {
            message.append('\n').append(count).append(count == 1 ? " problem" : " problems");
            if (count > problems.size())
            {
                message.append(" (the first ").append(problems.size()).append(" listed)");
            }
            message.append("; nothing was imported");
        }
        else
        {
            message.append(" (nothing was imported)");
        }
        return message.toString();
    }
}

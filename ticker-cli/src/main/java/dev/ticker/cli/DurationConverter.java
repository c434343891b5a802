package dev.ticker.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them on every command ({@code 500ms}, {@code 10s}, {@code 2m},
 * {@code 8h}, {@code 7d}) or in ISO-8601 ({@code PT8H}, {@code P7D}).
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(final String value)
    {
        final Matcher shortForm = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (shortForm.matches())
        {
            final long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2))
            {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try
        {
            return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        }
        catch (final DateTimeParseException ex)
        {
            throw new CommandLine.TypeConversionException("'" + value + "': expected a duration such as 500ms, 10s, 2m, 8h, 7d or PT8H");
        }
    }
}

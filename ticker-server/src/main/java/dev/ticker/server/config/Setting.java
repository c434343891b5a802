package dev.ticker.server.config;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One server setting described once: its key in {@link ServerConfiguration} and in error messages,
 * its command-line flag, its default, its range and what it means. Validation, the command-line
 * flags and docs/configuration.md are all derived from these descriptors, so they cannot drift.
 *
 * @param key          the name of the setting, as in {@code key=value: why} and the configuration's accessor.
 * @param flag         the command-line flag of {@code ticker serve} and {@code ticker demo}, or null when only
 *                     code that embeds the server sets it.
 * @param paramLabel   the unit or kind of value the flag takes: {@code MS}, {@code BYTES}, {@code RECORDS}, {@code N}…
 * @param type         the type of the value: {@link Integer}, {@link Long}, {@link String}, {@code String[]} (a
 *                     comma-separated list) or, for settings without a flag, any type.
 * @param defaultValue the value a new configuration holds.
 * @param defaultText  the default as the documentation states it, e.g. {@code 0 (= one per core the JVM may use)}.
 * @param min          smallest value of a numeric setting.
 * @param max          largest value of a numeric setting.
 * @param zeroMeans    what a 0 means, such as "no pings"; a 0 is then accepted even below {@code min}. Null when
 *                     0 is only a number, checked against the range like any other.
 * @param description  one line on what the setting does, for the flag's help.
 * @param read         reads the setting from a configuration.
 * @param write        sets the setting on a configuration.
 * @param <T>          the type of the value.
 */
public record Setting<T>(
    String key,
    String flag,
    String paramLabel,
    Class<T> type,
    T defaultValue,
    String defaultText,
    long min,
    long max,
    String zeroMeans,
    String description,
    Function<ServerConfiguration, T> read,
    BiConsumer<ServerConfiguration, T> write)
{
    /** A whole-number setting that fits an {@code int}. */
    static Setting<Integer> integer(
        final String key,
        final String flag,
        final String paramLabel,
        final int defaultValue,
        final long min,
        final long max,
        final String zeroMeans,
        final String description,
        final Function<ServerConfiguration, Integer> read,
        final BiConsumer<ServerConfiguration, Integer> write)
    {
        return new Setting<>(key, flag, paramLabel, Integer.class, defaultValue, numberText(defaultValue, zeroMeans),
            min, max, zeroMeans, description, read, write);
    }

    /** A whole-number setting that needs a {@code long}. */
    static Setting<Long> longInteger(
        final String key,
        final String flag,
        final String paramLabel,
        final long defaultValue,
        final long min,
        final long max,
        final String description,
        final Function<ServerConfiguration, Long> read,
        final BiConsumer<ServerConfiguration, Long> write)
    {
        return new Setting<>(key, flag, paramLabel, Long.class, defaultValue, numberText(defaultValue, null),
            min, max, null, description, read, write);
    }

    /** A setting whose value is not a number, so its checks are its own. */
    static <T> Setting<T> other(
        final String key,
        final String flag,
        final String paramLabel,
        final Class<T> type,
        final T defaultValue,
        final String defaultText,
        final String description,
        final Function<ServerConfiguration, T> read,
        final BiConsumer<ServerConfiguration, T> write)
    {
        return new Setting<>(key, flag, paramLabel, type, defaultValue, defaultText, 0, 0, null, description, read, write);
    }

    /** Whether the value is a number checked against {@link #min()} and {@link #max()}. */
    public boolean isNumeric()
    {
        return type == Integer.class || type == Long.class;
    }

    /** Whether the flag takes a comma-separated list and may be given more than once. */
    public boolean isList()
    {
        return type == String[].class;
    }

    /** The range in words, e.g. {@code 10 to 3600000, or 0: no pings}; empty for settings that are not numbers. */
    public String rangeText()
    {
        if (!isNumeric())
        {
            return "";
        }
        final String range = max == Long.MAX_VALUE ? "at least " + min : min + " to " + max;
        if (null == zeroMeans)
        {
            return range;
        }
        return range + (min > 0 ? ", or 0: " : "; 0: ") + zeroMeans;
    }

    /** Sets the setting on {@code configuration} from a value of {@link #type()}, such as a parsed flag. */
    public void apply(final ServerConfiguration configuration, final Object value)
    {
        write.accept(configuration, type.cast(value));
    }

    /**
     * Checks a numeric setting against its range.
     *
     * @throws IllegalArgumentException as {@code key=value: must be from min to max}.
     */
    public void check(final long value)
    {
        if (0 == value && null != zeroMeans)
        {
            return;
        }
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(key + "=" + value + ": must be from " + min + " to " + max);
        }
    }

    private static String numberText(final long defaultValue, final String zeroMeans)
    {
        return 0 == defaultValue && null != zeroMeans ? "0 (= " + zeroMeans + ")" : Long.toString(defaultValue);
    }
}

package dev.ticker.benchmarks.load.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of any process on this machine, read from Linux's {@code /proc}, so
 * that a server the generator did not start (another build, another language) is measured the same
 * way as one it did. {@code /proc/PID/stat} counts the time of every thread of the process, those
 * that have exited included.
 */
final class ProcStat
{
    /** Clock ticks per second of {@code utime} and {@code stime}: USER_HZ, 100 on every Linux architecture in use. */
    static final long USER_HZ = 100;

    /** Fields of /proc/PID/stat counted from 1, as in proc(5). */
    private static final int UTIME_FIELD = 14;
    private static final int STIME_FIELD = 15;
    /** The fields after the command name start with the third, the state. */
    private static final int FIRST_FIELD_AFTER_COMMAND = 3;

    private ProcStat()
    {
    }

    /** User plus system CPU time of the process so far, in nanoseconds. */
    static long cpuNanos(final long pid) throws IOException
    {
        return cpuTicks(read(pid, "stat")) * (1_000_000_000L / USER_HZ);
    }

    /** Resident memory of the process now, in bytes. */
    static long residentBytes(final long pid) throws IOException
    {
        return residentBytes(read(pid, "status"));
    }

    /** Whether the process exists and its /proc files can be read. */
    static boolean exists(final long pid)
    {
        return Files.isReadable(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** Whether the process runs a HotSpot JVM: it has libjvm.so mapped. */
    static boolean isJvm(final long pid) throws IOException
    {
        try (Stream<String> maps = Files.lines(Path.of("/proc", Long.toString(pid), "maps")))
        {
            return maps.anyMatch(line -> line.endsWith("/libjvm.so"));
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
    }

    /**
     * utime + stime, in clock ticks, from the text of /proc/PID/stat. The command name (field 2) is
     * in parentheses and may itself hold spaces and parentheses, so fields are counted from the last ')'.
     */
    static long cpuTicks(final String stat)
    {
        final int commandEnd = stat.lastIndexOf(')');
        if (commandEnd < 0)
        {
            throw new IllegalArgumentException("not a /proc/PID/stat line (no command name in parentheses): " + abbreviate(stat));
        }
        final String[] fields = stat.substring(commandEnd + 1).trim().split("\\s+");
        if (fields.length <= STIME_FIELD - FIRST_FIELD_AFTER_COMMAND)
        {
            throw new IllegalArgumentException("a /proc/PID/stat line with " + (fields.length + 2) + " fields, fewer than the " +
                STIME_FIELD + " needed for utime and stime: " + abbreviate(stat));
        }
        return number(fields[UTIME_FIELD - FIRST_FIELD_AFTER_COMMAND], "utime", stat) +
            number(fields[STIME_FIELD - FIRST_FIELD_AFTER_COMMAND], "stime", stat);
    }

    /** VmRSS, in bytes, from the text of /proc/PID/status (where it is stated in kB). */
    static long residentBytes(final String status)
    {
        for (final String line : status.split("\n"))
        {
            if (line.startsWith("VmRSS:"))
            {
                final String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length != 2 || !"kB".equals(parts[1]))
                {
                    throw new IllegalArgumentException("a VmRSS line not of the form 'VmRSS: <n> kB': " + line);
                }
                return number(parts[0], "VmRSS", line) * 1024;
            }
        }
        throw new IllegalArgumentException("no VmRSS line in /proc/PID/status (a kernel thread or a zombie has none): " + abbreviate(status));
    }

    private static long number(final String text, final String field, final String source)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(field + " is '" + text + "', not a number, in: " + abbreviate(source), ex);
        }
    }

    private static String read(final long pid, final String file) throws IOException
    {
        final Path path = Path.of("/proc", Long.toString(pid), file);
        try
        {
            return Files.readString(path);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IOException(path + " does not exist: process " + pid + " is not running (or this is not Linux)", ex);
        }
    }

    private static String abbreviate(final String text)
    {
        final String line = text.strip().replace('\n', ' ');
        return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }
}

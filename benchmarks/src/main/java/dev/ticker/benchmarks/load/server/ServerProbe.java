package dev.ticker.benchmarks.load.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads a server process from the outside, by its process id, whether the generator started it or
 * not: CPU time and resident memory from {@code /proc}, and, when it is a JVM, live heap and a
 * flight recording of the measured window through {@code jcmd}. Every server is measured the same
 * way, so figures of two builds (or of a server in another language) compare.
 */
public final class ServerProbe
{
    private static final String RECORDING = "ticker-load";
    private static final long JCMD_TIMEOUT_S = 120;

    private final long pid;

    private ServerProbe(final long pid)
    {
        this.pid = pid;
    }

    /** A probe of a running process; an {@link IllegalArgumentException} saying so when there is none to read. */
    public static ServerProbe of(final long pid)
    {
        if (!ProcStat.exists(pid))
        {
            throw new IllegalArgumentException("--server-pid " + pid + ": no such process (/proc/" + pid + "/stat cannot be read)");
        }
        return new ServerProbe(pid);
    }

    public long pid()
    {
        return pid;
    }

    /** User plus system CPU of all the server's threads so far, in nanoseconds. */
    long cpuNanos() throws IOException
    {
        return ProcStat.cpuNanos(pid);
    }

    long residentBytes() throws IOException
    {
        return ProcStat.residentBytes(pid);
    }

    /** Bytes of live objects in the server's heap, after a full collection that {@code jcmd} requests. */
    long liveHeapBytes() throws IOException, InterruptedException
    {
        final String output = jcmd("Total ", "GC.class_histogram");
        // the last line is "Total <instances> <bytes>"
        final List<String> lines = output.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--)
        {
            final String[] fields = lines.get(i).trim().split("\\s+");
            if (fields.length == 3 && "Total".equals(fields[0]))
            {
                return Long.parseLong(fields[2]);
            }
        }
        throw new IOException("jcmd " + pid + " GC.class_histogram printed no Total line: " + output.lines().limit(5).toList());
    }

    /**
     * Starts a flight recording in the server: JFR's "default" settings (GC, heap, safepoints,
     * execution samples every 20 ms, allocation samples; about 1 % overhead), or "profile" (samples
     * every 10 ms, more events, about 2 %).
     */
    void startRecording(final boolean profile) throws IOException, InterruptedException
    {
        jcmd("Started recording", "JFR.start", "name=" + RECORDING, "settings=" + (profile ? "profile" : "default"));
    }

    /** Writes what the recording holds to {@code file} (in the server's file system: the same machine) and stops it. */
    void stopRecording(final Path file) throws IOException, InterruptedException
    {
        try
        {
            jcmd("Dumped recording", "JFR.dump", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
        }
        finally
        {
            jcmd("Stopped recording", "JFR.stop", "name=" + RECORDING);
        }
    }

    /** Runs a diagnostic command in the server; its output must contain {@code success}, as jcmd exits with 0 on some failures. */
    private String jcmd(final String success, final String... command) throws IOException, InterruptedException
    {
        if (!ProcStat.isJvm(pid))
        {
            // jcmd would send the process SIGQUIT to start an attach listener: a JVM's thread dump, anything else's end
            throw new IOException("process " + pid + " is not a JVM (no libjvm.so in /proc/" + pid + "/maps)");
        }
        final List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        final Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
        final String output = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(JCMD_TIMEOUT_S, TimeUnit.SECONDS))
        {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + String.join(" ", command) + " did not finish within " + JCMD_TIMEOUT_S + " s");
        }
        if (jcmd.exitValue() != 0 || !output.contains(success))
        {
            throw new IOException("jcmd " + pid + " " + String.join(" ", command) + " failed (is process " + pid +
                " a JVM of this user?): " + output.strip());
        }
        return output;
    }
}

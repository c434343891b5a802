package dev.ticker.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A {@link WriterProcess} the test started: its output, and the signals a host's failures send it. */
final class WriterHandle implements AutoCloseable
{
    private final Process process;
    private final Path output;
    private final Thread killer;

    private WriterHandle(final Process process, final Path output, final Thread killer)
    {
        this.process = process;
        this.output = output;
        this.killer = killer;
    }

    static WriterHandle start(
        final Path dir, final String name, final String bootstrap, final String topic, final boolean standby,
        final int takeoverMs, final int rate) throws IOException
    {
        final Path output = dir.resolve(name + ".log");
        final Process process = new ProcessBuilder(TestProcesses.javaCommand(WriterProcess.class,
            dir.resolve(name).toString(), bootstrap, topic, standby ? "standby" : "active", String.valueOf(takeoverMs), String.valueOf(rate)))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        final Thread killer = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killer);
        return new WriterHandle(process, output, killer);
    }

    /** Waits until the writer printed a line starting with {@code prefix}. */
    void awaitLine(final String prefix, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!output().lines().anyMatch(line -> line.startsWith(prefix)))
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("the writer did not print '" + prefix + "' within " + timeoutMs + " ms; it printed:\n" + output());
            }
            if (!process.isAlive() && !output().lines().anyMatch(line -> line.startsWith(prefix)))
            {
                throw new AssertionError("the writer exited with " + process.exitValue() + " before printing '" + prefix + "':\n" + output());
            }
            Thread.sleep(20);
        }
    }

    String output()
    {
        try
        {
            return Files.exists(output) ? Files.readString(output) : "";
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }

    /** Stops the writer as Ctrl-C does (SIGTERM): it publishes what its journal holds and exits. */
    void stop() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            throw new AssertionError("the writer did not stop within 60 s; it printed:\n" + output());
        }
    }

    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void pause() throws IOException, InterruptedException
    {
        signal("-STOP");
    }

    void resume() throws IOException, InterruptedException
    {
        signal("-CONT");
    }

    /** Waits for the process to exit and returns its exit code. */
    int awaitExit(final long timeoutMs) throws InterruptedException
    {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
        {
            throw new AssertionError("the writer did not exit within " + timeoutMs + " ms; it printed:\n" + output());
        }
        return process.exitValue();
    }

    private void signal(final String signal) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0)
        {
            throw new AssertionError("kill " + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
        try
        {
            process.waitFor(30, TimeUnit.SECONDS);
            Runtime.getRuntime().removeShutdownHook(killer);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IllegalStateException ex)
        {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}

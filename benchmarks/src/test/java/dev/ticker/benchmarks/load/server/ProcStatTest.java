package dev.ticker.benchmarks.load.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatTest
{
    /** A JVM's /proc/PID/stat, with a command name holding a space and parentheses: utime 1234, stime 567. */
    private static final String STAT = "4242 (java (main) x) S 1 4242 3399 0 -1 4194560 250000 0 12 0 1234 567 3 4 20 0 " +
        "41 0 67583 5183307776 81234 18446744073709551615 1 1 0 0 0 0 0 4096 17612 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    private static final String STATUS = """
        Name:\tjava
        Umask:\t0022
        State:\tS (sleeping)
        VmPeak:\t 5184340 kB
        VmSize:\t 5183308 kB
        VmHWM:\t  330112 kB
        VmRSS:\t  324936 kB
        RssAnon:\t  290000 kB
        Threads:\t41
        """;

    @Test
    void shouldAddUserAndSystemTicksCountingFieldsFromTheLastParenthesis()
    {
        assertEquals(1234 + 567, ProcStat.cpuTicks(STAT));
    }

    @Test
    void shouldReadResidentMemoryInBytesFromTheStatusFile()
    {
        assertEquals(324_936L * 1024, ProcStat.residentBytes(STATUS));
    }

    @Test
    void shouldNameTheFieldThatIsNotANumber()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ProcStat.cpuTicks(STAT.replace(" 1234 ", " x1234 ")));
        assertTrue(error.getMessage().startsWith("utime is 'x1234', not a number, in: 4242 (java (main) x) S"), error.getMessage());
    }

    @Test
    void shouldRefuseAStatLineWithTooFewFields()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProcStat.cpuTicks("4242 (java) S 1 4242"));
        assertEquals("a /proc/PID/stat line with 5 fields, fewer than the 15 needed for utime and stime: 4242 (java) S 1 4242", error.getMessage());
    }

    @Test
    void shouldRefuseAStatusWithoutResidentMemory()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProcStat.residentBytes("Name:\tkthreadd\n"));
        assertTrue(error.getMessage().startsWith("no VmRSS line in /proc/PID/status"), error.getMessage());
    }

    @Test
    void shouldReadThisProcessThroughProc() throws IOException
    {
        final long pid = ProcessHandle.current().pid();
        final long cpuBefore = ProcStat.cpuNanos(pid);
        long sink = 0;
        // CPU time advances in 10 ms ticks: work until it has moved, with a deadline
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (ProcStat.cpuNanos(pid) == cpuBefore && System.nanoTime() - deadline < 0)
        {
            for (int i = 0; i < 1_000_000; i++)
            {
                sink += i * 31L ^ sink;
            }
        }
        assertTrue(ProcStat.cpuNanos(pid) > cpuBefore, "CPU time of this process moved on (" + sink + ")");
        assertTrue(ProcStat.residentBytes(pid) > 0);
    }

    @Test
    void shouldTellAJvmFromAnotherProcess() throws IOException
    {
        assertTrue(ProcStat.isJvm(ProcessHandle.current().pid()));
        final Process cat = new ProcessBuilder("cat").start();
        try
        {
            assertFalse(ProcStat.isJvm(cat.pid()));
        }
        finally
        {
            cat.destroyForcibly();
        }
    }

    @Test
    void shouldSayWhichProcessIsNotRunning()
    {
        final IOException error = assertThrows(IOException.class, () -> ProcStat.cpuNanos(Integer.MAX_VALUE));
        assertEquals("/proc/2147483647/stat does not exist: process 2147483647 is not running (or this is not Linux)", error.getMessage());
    }
}

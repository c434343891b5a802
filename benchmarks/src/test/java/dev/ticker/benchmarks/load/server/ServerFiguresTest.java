package dev.ticker.benchmarks.load.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerFiguresTest
{
    @TempDir
    Path dir;

    @Test
    void shouldMeasureAProcessThatIsNotAJvmFromProcOnlyAndSayWhy() throws Exception
    {
        final Process notAJvm = new ProcessBuilder("cat").start();
        try
        {
            final ServerFigures figures = new ServerFigures(ServerProbe.of(notAJvm.pid()), dir.resolve("server.jfr"));
            figures.beforeConnecting();
            figures.afterConnecting(10);
            figures.startWindow(true);
            figures.endWindow();

            final ServerReport server = figures.report(1.0, 1_000, 100, 1_000);

            assertTrue(notAJvm.isAlive(), "no jcmd, so no SIGQUIT: the process lives");
            assertEquals(notAJvm.pid(), server.pid());
            assertTrue(server.residentBytesBefore() > 0 && server.residentBytesAfter() > 0, server.toString());
            assertEquals(-1, server.heapBytesPerIdleConnection());
            assertNull(server.gc());
            assertNull(server.recording());
            assertFalse(Files.exists(dir.resolve("server.jfr")));
            assertEquals(1, server.notes().size(), server.notes().toString());
            assertEquals("no live heap, GC or profile figures: process " + notAJvm.pid() + " is not a JVM (no libjvm.so in /proc/" +
                notAJvm.pid() + "/maps)", server.notes().get(0));
        }
        finally
        {
            notAJvm.destroyForcibly();
        }
    }
}

package dev.ticker.benchmarks.load.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's side of one load run, taken phase by phase through a {@link ServerProbe}: memory
 * before and after the connections open, CPU over the measured window, and a flight recording of
 * that window for GC pauses, heap and the profile. A server that is not a JVM still gets CPU and
 * resident memory; what could not be read is -1 and a note says why, so that a report never
 * presents a guess.
 */
public final class ServerFigures
{
    static final int HOT_METHODS = 20;
    static final int ALLOCATION_SITES = 10;

    private final ServerProbe probe;
    private final Path recordingFile;
    private final List<String> notes = new ArrayList<>();
    private boolean jvm = true;
    private boolean recording;
    private long heapBefore = -1;
    private long heapPerConnection = -1;
    private long residentBefore = -1;
    private long residentAfter = -1;
    private long residentPerConnection = -1;
    private long cpuStartNs;
    private long cpuNs;
    private JfrSummary gc;
    private Instant windowStart = Instant.EPOCH;

    /** @param recordingFile where the window's flight recording goes (the report folder). */
    public ServerFigures(final ServerProbe probe, final Path recordingFile)
    {
        this.probe = probe;
        this.recordingFile = recordingFile.toAbsolutePath();
    }

    public void beforeConnecting() throws IOException, InterruptedException
    {
        heapBefore = liveHeap();
        residentBefore = probe.residentBytes();
    }

    public void afterConnecting(final int connected) throws IOException, InterruptedException
    {
        final long heapAfter = liveHeap();
        residentAfter = probe.residentBytes();
        if (connected > 0)
        {
            heapPerConnection = heapAfter < 0 || heapBefore < 0 ? -1 : (heapAfter - heapBefore) / connected;
            residentPerConnection = (residentAfter - residentBefore) / connected;
        }
    }

    /** Starts the recording (a JVM only), then takes the CPU time the window starts from. */
    public void startWindow(final boolean profile) throws IOException, InterruptedException
    {
        if (jvm)
        {
            try
            {
                probe.startRecording(profile);
                recording = true;
                windowStart = Instant.now();
            }
            catch (final IOException ex)
            {
                notes.add("no flight recording, so no GC or profile figures: " + ex.getMessage());
            }
        }
        cpuStartNs = probe.cpuNanos();
    }

    /** Takes the CPU time the window ends at, then writes and reads the recording. */
    public void endWindow() throws IOException, InterruptedException
    {
        cpuNs = probe.cpuNanos() - cpuStartNs;
        if (recording)
        {
            try
            {
                probe.stopRecording(recordingFile);
                gc = JfrSummary.read(recordingFile, windowStart, HOT_METHODS, ALLOCATION_SITES);
            }
            catch (final IOException ex)
            {
                notes.add("the flight recording could not be written or read: " + ex.getMessage());
            }
        }
    }

    public ServerReport report(final double seconds, final long ticks, final long frames, final long journalTicks)
    {
        final double cpuSeconds = cpuNs / 1e9;
        final double coresBusy = cpuSeconds / seconds;
        return new ServerReport(probe.pid(), cpuSeconds, coresBusy,
            ticks == 0 ? 0 : cpuSeconds / (ticks / 1e6),
            journalTicks == 0 ? 0 : cpuSeconds / (journalTicks / 1e6),
            coresBusy == 0 ? 0 : frames / seconds / coresBusy,
            heapPerConnection, residentBefore, residentAfter, residentPerConnection,
            gc, null == gc ? null : recordingFile.toString(), notes);
    }

    private long liveHeap() throws InterruptedException
    {
        if (!jvm)
        {
            return -1;
        }
        try
        {
            return probe.liveHeapBytes();
        }
        catch (final IOException ex)
        {
            // not a JVM (a server in another language) or not one jcmd can attach to: /proc figures only
            jvm = false;
            notes.add("no live heap, GC or profile figures: " + ex.getMessage());
            return -1;
        }
    }
}

package dev.ticker.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A tick journal in a folder: the single source of truth for live data, history, resume and
 * replay. It holds a Chronicle Queue of fixed-layout tick records ({@link TickDescriptor}) and the
 * instrument catalogue ({@link InstrumentCatalog}) beside it.
 *
 * <pre>
 *   DIR/
 *     queue/            Chronicle Queue files, one roll cycle (UTC day of event time) per file
 *     instruments.pb    the instrument catalogue, ticker.v1.InstrumentList
 *     writer.lock       held by the one process appending
 * </pre>
 *
 * <p>One process appends through {@link #appender()}; any number of threads and processes read,
 * each through its own {@link #tailer()}. The journal object itself may be shared between threads.
 */
public final class TickJournal implements AutoCloseable
{
    /** One queue file per UTC day of event time. */
    public static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;

    static final String QUEUE_DIR = "queue";
    static final String WRITER_LOCK_FILE = "writer.lock";

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final JournalTimeProvider timeProvider;
    private final JournalConfiguration configuration;

    private TickJournal(
        final Path directory,
        final SingleChronicleQueue queue,
        final JournalTimeProvider timeProvider,
        final JournalConfiguration configuration)
    {
        this.directory = directory;
        this.queue = queue;
        this.timeProvider = timeProvider;
        this.configuration = configuration;
    }

    /**
     * Opens the journal in {@code directory} with the default {@link JournalConfiguration}, creating
     * the folder and an empty journal if needed.
     *
     * @throws JournalException when the folder cannot be created or written, or a queue file's
     *                          header is damaged (see {@link JournalVerifier}).
     */
    public static TickJournal open(final Path directory)
    {
        return open(directory, new JournalConfiguration());
    }

    /**
     * Opens the journal in {@code directory}, creating the folder and an empty journal if needed.
     *
     * @throws JournalException when the folder cannot be created or written, or a queue file's
     *                          header is damaged (see {@link JournalVerifier}).
     */
    public static TickJournal open(final Path directory, final JournalConfiguration configuration)
    {
        configuration.validate();
        final Path dir = directory.toAbsolutePath().normalize();
        final Path queueDir = dir.resolve(QUEUE_DIR);
        try
        {
            Files.createDirectories(queueDir);
        }
        catch (final IOException ex)
        {
            throw new JournalException("journal folder " + dir + " cannot be created: " + describe(ex), ex);
        }
        if (!Files.isWritable(queueDir))
        {
            throw new JournalException("journal folder " + queueDir + " is not writable");
        }

        JournalFiles.checkHeaders(queueDir);
        final JournalTimeProvider timeProvider = new JournalTimeProvider();
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(queueDir)
            .rollCycle(ROLL_CYCLE)
            .timeProvider(timeProvider)
            .build();
        final TickJournal journal = new TickJournal(dir, queue, timeProvider, configuration);
        journal.initialiseCycleTime();
        return journal;
    }

    public Path directory()
    {
        return directory;
    }

    /** The folder of the queue's files, one per roll cycle. */
    public Path queueDirectory()
    {
        return directory.resolve(QUEUE_DIR);
    }

    public JournalConfiguration configuration()
    {
        return configuration;
    }

    /**
     * Whether the journal's file system has less free space than a writer needs to go on
     * ({@link JournalConfiguration#minFreeDiskBytes()} plus its next preallocation): a writer
     * appends nothing while this holds. Every record already written stays readable.
     */
    public boolean isDiskFull()
    {
        return queue.file().getUsableSpace() < configuration.minFreeDiskBytes() + configuration.preallocationBytes();
    }

    /** Forgets the cached list of queue files, after files were deleted (retention) or added. */
    void refreshFiles()
    {
        queue.refreshDirectoryListing();
    }

    SingleChronicleQueue queue()
    {
        return queue;
    }

    /**
     * Takes the writer role. Only one appender may exist per journal across all processes.
     *
     * @throws JournalException when another appender holds the journal.
     */
    public TickAppender appender()
    {
        final Path lockFile = directory.resolve(WRITER_LOCK_FILE);
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (null == lock)
            {
                throw new JournalException("journal " + directory + " is already being written by another process " +
                    "(" + lockFile + " is locked); a journal has one writer");
            }
            final long head;
            try
            {
                head = headSequence();
            }
            catch (final JournalDamageException ex)
            {
                throw new JournalException("journal " + directory + " cannot be written: its newest record cannot be read, so " +
                    "the next sequence is not known (" + ex.getMessage() + "); 'ticker journal repair " + directory +
                    " --out NEW' copies its intact records into a new journal", ex);
            }
            final DiskReserve reserve = new DiskReserve(
                queue.file(), configuration.minFreeDiskBytes(), configuration.preallocationBytes());
            return new TickAppender(this, queue.createAppender(), lock, reserve, head);
        }
        catch (final OverlappingFileLockException ex)
        {
            closeQuietly(channel);
            throw new JournalException("journal " + directory + " already has a writer in this process; " +
                "a journal has one writer", ex);
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new JournalException("journal " + directory + " cannot be locked for writing: " + describe(ex), ex);
        }
        catch (final RuntimeException ex)
        {
            closeQuietly(channel);
            throw ex;
        }
    }

    /** A new reader positioned at the start of the journal. Each reader belongs to one thread. */
    public TickTailer tailer()
    {
        return new TickTailer(queue);
    }

    /** The catalogue of instruments as it is on disk now. */
    public InstrumentCatalog instruments()
    {
        return InstrumentCatalog.load(directory);
    }

    /** The sequence of the newest record, or {@link TickDescriptor#NO_SEQUENCE} when empty. */
    public long headSequence()
    {
        try (TickTailer tailer = tailer())
        {
            return tailer.lastSequence();
        }
    }

    JournalTimeProvider timeProvider()
    {
        return timeProvider;
    }

    private void initialiseCycleTime()
    {
        final Tick last = new Tick();
        try (TickTailer tailer = tailer())
        {
            if (tailer.readLast(last))
            {
                timeProvider.onAppend(last.eventTimeNs);
            }
        }
        catch (final JournalDamageException ex)
        {
            // readers may still read what is intact; a writer is refused (see appender())
        }
    }

    @Override
    public void close()
    {
        queue.close();
    }

    static String describe(final IOException ex)
    {
        final String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (null == message ? "" : " (" + message + ")");
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}

package dev.ticker.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The queue's files as files: which ones hold roll cycles, and whether each one starts with an
 * intact queue header. Chronicle Queue parses a cycle file's header before it reads a record, and on
 * a garbled header it may wait for ever for a writer it thinks is still writing it; so a journal
 * whose header is damaged is refused at open with the file's name and the way out, instead.
 */
final class JournalFiles
{
    /** The ending of a roll cycle file's name. */
    static final String CYCLE_FILE_SUFFIX = ".cq4";

    private static final int META_DATA = 0x4000_0000;
    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int MAX_HEADER_LENGTH = 64 * 1024;
    /** The header document starts with the field name "header" in Chronicle's binary wire. */
    private static final byte[] HEADER_FIELD = ("\u00b9\u0006header").getBytes(StandardCharsets.ISO_8859_1);

    private JournalFiles()
    {
    }

    /**
     * Checks that every roll cycle file in {@code queueDir} starts with an intact queue header.
     *
     * @throws JournalException naming the first damaged file and what to do about it.
     */
    static void checkHeaders(final Path queueDir)
    {
        for (final Path file : JournalVerifier.queueFiles(queueDir))
        {
            final String damage = headerDamage(file);
            if (null != damage)
            {
                throw new JournalException("journal file " + file + " is damaged: " + damage + "; the journal cannot be " +
                    "opened. 'ticker journal verify " + queueDir.getParent() + "' lists the damage and 'ticker journal repair " +
                    queueDir.getParent() + " --out NEW' copies every intact record into a new journal");
            }
        }
    }

    /** What is wrong with the file's header, or null when it is intact (or the file is still empty). */
    static String headerDamage(final Path file)
    {
        final ByteBuffer start = ByteBuffer.allocate(4 + HEADER_FIELD.length).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            while (start.hasRemaining() && channel.read(start, start.position()) > 0)
            {
                // read the first bytes in full
            }
        }
        catch (final IOException ex)
        {
            return "it cannot be read: " + TickJournal.describe(ex);
        }
        if (start.position() < start.capacity())
        {
            return Files.exists(file) && 0 == start.position() ? null : "it is " + start.position() + " bytes long, shorter than a queue header";
        }
        final int header = start.getInt(0);
        if (0 == header)
        {
            // created, header not written yet: Chronicle writes it
            return null;
        }
        final int length = header & 0x3FFF_FFFF;
        boolean named = true;
        for (int i = 0; i < HEADER_FIELD.length; i++)
        {
            named &= start.get(4 + i) == HEADER_FIELD[i];
        }
        if ((header & META_DATA) == 0 || length > MAX_HEADER_LENGTH || !named)
        {
            return "its first bytes (offset 0) are not a queue header (found 0x" + Integer.toHexString(header) +
                "); the queue cannot find its records without it";
        }
        return null;
    }
}

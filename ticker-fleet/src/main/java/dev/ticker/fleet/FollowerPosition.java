package dev.ticker.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a follower is in the topic, kept beside its journal ({@code DIR/kafka-position}) so that a
 * restart does not read the topic from its start. It is written after the records before it are in
 * the journal, so it may lag the journal but never lead it: records read again are at or below the
 * journal's head and are skipped as duplicates. Without the file the follower reads from the topic's
 * start, which gives the same journal.
 *
 * <pre>
 *   topic=ticks
 *   offset=123456      the next Kafka offset to read
 * </pre>
 */
final class FollowerPosition
{
    static final String FILE_NAME = "kafka-position";

    private final Path file;
    private final Path temp;
    private final String topic;

    FollowerPosition(final Path journalDirectory, final String topic)
    {
        this.file = journalDirectory.resolve(FILE_NAME);
        this.temp = journalDirectory.resolve(FILE_NAME + ".tmp");
        this.topic = topic;
    }

    /**
     * The offset saved, or -1 when there is none.
     *
     * @throws IllegalArgumentException when the file belongs to another topic or cannot be read.
     */
    long load()
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return -1;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        String savedTopic = null;
        long offset = -1;
        for (final String line : text.split("\n"))
        {
            if (line.startsWith("topic="))
            {
                savedTopic = line.substring("topic=".length()).trim();
            }
            else if (line.startsWith("offset="))
            {
                try
                {
                    offset = Long.parseLong(line.substring("offset=".length()).trim());
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException(file + ": offset is not a number: " + line, ex);
                }
            }
        }
        if (!topic.equals(savedTopic))
        {
            throw new IllegalArgumentException(file + ": this journal follows topic " + savedTopic + ", not " + topic +
                "; a journal follows one topic (use another --data folder)");
        }
        if (offset < 0)
        {
            throw new IllegalArgumentException(file + ": no offset in it");
        }
        return offset;
    }

    void save(final long offset)
    {
        try
        {
            Files.writeString(temp, "topic=" + topic + "\noffset=" + offset + "\n", StandardCharsets.UTF_8);
            try
            {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}

package dev.ticker.fleet;

import dev.ticker.journal.TickJournal;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.BooleanSupplier;

/**
 * Publishes a finished journal, such as one {@code ticker import} wrote, to the fleet's topic with
 * the writer's guarantees: in transactions under the writers' shared transactional id (so it fences
 * any writer there is), continuing after the topic's last committed sequence. It refuses, before it
 * fences anyone, a topic whose committed ticks are not this journal's own first records (another
 * feed's, or more than the journal holds), and checks again after fencing, when the topic's end is
 * final. A publication cut short (Ctrl-C, a crash) is completed by publishing the same journal again.
 */
public final class ImportPublication
{
    private static final long READ_TO_END_TIMEOUT_MS = 60_000;

    /**
     * What was published.
     *
     * @param fromSequence the first sequence this run committed (the topic's last before it + 1).
     * @param lastSequence the journal's last sequence, now the topic's last.
     */
    public record Result(long fromSequence, long lastSequence)
    {
        /** The ticks this run committed (0 when the topic held the whole journal already). */
        public long published()
        {
            return lastSequence - fromSequence + 1;
        }
    }

    private ImportPublication()
    {
    }

    /**
     * Publishes the journal's records after the topic's last committed sequence, and returns once
     * the journal's last is committed.
     *
     * @param cancelled checked between transactions: when true, publishing stops (what is committed stays).
     * @throws FleetException when the topic holds ticks this journal does not hold under the same
     *                        sequences, when another writer fences this one, or when cancelled.
     */
    public static Result publish(
        final TickJournal journal,
        final FleetConfiguration configuration,
        final EpochClock clock,
        final IdleStrategy idleStrategy,
        final BooleanSupplier cancelled)
    {
        configuration.validate();
        final long head = journal.headSequence();
        if (head < 1)
        {
            throw new FleetException("the journal " + journal.directory() + " holds no records to publish");
        }
        TopicSetup.ensure(configuration);
        final FleetStatus status = new FleetStatus(FleetStatus.Role.STANDBY);
        // the first check fences no one: a topic of another feed, or a live writer's, is refused untouched
        checkTopic(journal, configuration, status, clock, head);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(configuration.producerProperties());
        try
        {
            producer.initTransactions();
            // any other writer is fenced now: the topic's end is final
            final long topicLast = checkTopic(journal, configuration, status, clock, head);
            if (topicLast == head)
            {
                return new Result(head + 1, head);
            }
            status.role(FleetStatus.Role.ACTIVE);
            final JournalPublisher publisher = new JournalPublisher(journal, producer,
                () -> new KafkaProducer<>(configuration.producerProperties()), configuration, status, clock, topicLast + 1);
            producer = null;
            try (publisher)
            {
                while (publisher.committedSequence() < head)
                {
                    if (publisher.hasStopped())
                    {
                        throw new FleetException(status.alarm());
                    }
                    if (cancelled.getAsBoolean())
                    {
                        throw new FleetException("stopped: the topic " + configuration.topic() + " holds this journal up to sequence " +
                            publisher.committedSequence() + " of " + head + "; publish the same journal again to go on");
                    }
                    idleStrategy.idle(publisher.doWork());
                }
            }
            return new Result(topicLast + 1, head);
        }
        finally
        {
            if (null != producer)
            {
                producer.close();
            }
        }
    }

    /**
     * Reads the whole topic against the journal (from its start: a saved follower position would
     * skip the comparison of what is before it) and returns the topic's last sequence, at most the
     * journal's head.
     */
    private static long checkTopic(
        final TickJournal journal, final FleetConfiguration configuration, final FleetStatus status, final EpochClock clock,
        final long head)
    {
        final long topicLast = TopicTail.lastSequence(configuration);
        if (topicLast > head)
        {
            throw new FleetException("the topic " + configuration.topic() + " already holds sequences up to " + topicLast +
                ", beyond this journal's last (" + head + " in " + journal.directory() + "): it carries another feed, or a " +
                "writer went on after this journal; publish to an empty topic (--topic NAME)");
        }
        if (topicLast == 0)
        {
            return 0;
        }
        deletePosition(journal);
        try (TopicFollower follower = new TopicFollower(journal, configuration, status, clock))
        {
            if (!follower.readToEnd(clock.time() + READ_TO_END_TIMEOUT_MS))
            {
                throw new FleetException(follower.isStopped() ?
                    "the topic " + configuration.topic() + " already holds sequences 1.." + topicLast + " that collide with " +
                    "this journal's (" + journal.directory() + "): " +
                    status.alarm().replaceFirst(": this journal holds records the topic never committed.*", "") + ". Publish to an empty topic (--topic NAME)" :
                    "the topic " + configuration.topic() + " could not be read to its end in " + READ_TO_END_TIMEOUT_MS + " ms");
            }
        }
        finally
        {
            deletePosition(journal);
        }
        return topicLast;
    }

    /** The follower's position file: a finished journal is not an edge's, and the next check reads from the start anyway. */
    private static void deletePosition(final TickJournal journal)
    {
        try
        {
            Files.deleteIfExists(journal.directory().resolve(FollowerPosition.FILE_NAME));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.SystemEpochClock;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Figures of the fleet's pipeline on a running broker (a benchmark, not a test): a journal written
 * as fast as it goes or at a paced rate, published by a {@link JournalPublisher}, followed by a
 * {@link TopicFollower} into a second journal, and the second journal tailed to time each tick from
 * its event time (stamped when written) to when it is readable at the edge.
 *
 * <p>Arguments: brokers, ticks, rate (0: as fast as it goes). Prints throughput, end-to-end latency
 * percentiles (of the last four fifths of the ticks: the first fifth warms up) and the catch-up rate
 * of a new edge reading the whole topic.
 */
public final class FleetBenchmark
{
    private FleetBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String bootstrap = args[0];
        final long ticks = Long.parseLong(args[1]);
        final long rate = Long.parseLong(args[2]);
        final String topic = "bench-" + System.currentTimeMillis();
        final Path dir = Files.createTempDirectory("fleet-bench");
        final FleetConfiguration fleet = new FleetConfiguration().bootstrapServers(bootstrap).topic(topic)
            .transactionalId("bench-" + topic).checkpointIntervalMs(1_000);
        TopicSetup.ensure(fleet);
        try (TickJournal writerJournal = TickJournal.open(dir.resolve("writer"));
            TickJournal edgeJournal = TickJournal.open(dir.resolve("edge")))
        {
            final Thread writer = new Thread(() -> write(writerJournal, ticks, rate), "writer");
            final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final Thread reader = new Thread(() -> measure(edgeJournal, ticks, latency), "edge-reader");
            final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(fleet.producerProperties());
            producer.initTransactions();
            final FleetStatus publisherStatus = new FleetStatus(FleetStatus.Role.ACTIVE);
            final FleetStatus edgeStatus = new FleetStatus(FleetStatus.Role.EDGE);
            try (JournalPublisher publisher = new JournalPublisher(writerJournal, producer,
                () -> new KafkaProducer<>(fleet.producerProperties()), fleet, publisherStatus, SystemEpochClock.INSTANCE, 1);
                TopicFollower follower = new TopicFollower(edgeJournal, fleet, edgeStatus, SystemEpochClock.INSTANCE))
            {
                final Thread publishing = new Thread(() ->
                {
                    while (publisherStatus.publishedSequence() < ticks && !publisher.hasStopped())
                    {
                        publisher.doWork();
                    }
                }, "publisher");
                final Thread following = new Thread(() ->
                {
                    while (edgeStatus.headSequence() < ticks && !follower.isStopped())
                    {
                        follower.doWork();
                    }
                }, "follower");
                final long startNs = System.nanoTime();
                reader.start();
                following.start();
                publishing.start();
                writer.start();
                writer.join();
                final long writtenNs = System.nanoTime();
                publishing.join();
                final long publishedNs = System.nanoTime();
                following.join();
                reader.join();
                final long endNs = System.nanoTime();
                System.out.printf("ticks %,d rate %s: written in %.2f s, published (committed) in %.2f s, at the edge in %.2f s: " +
                    "%,.0f ticks/s end to end; %,d transactions%n",
                    ticks, rate == 0 ? "max" : String.format("%,d/s", rate), (writtenNs - startNs) / 1e9, (publishedNs - startNs) / 1e9,
                    (endNs - startNs) / 1e9, ticks / ((endNs - startNs) / 1e9), publisherStatus.transactions());
                System.out.printf("writer -> Kafka -> edge journal latency: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                    latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6);
            }
        }
        // a new edge reading the whole topic from its start
        try (TickJournal fresh = TickJournal.open(dir.resolve("fresh-edge")))
        {
            final FleetStatus status = new FleetStatus(FleetStatus.Role.EDGE);
            try (TopicFollower follower = new TopicFollower(fresh, fleet, status, SystemEpochClock.INSTANCE))
            {
                final long startNs = System.nanoTime();
                while (status.headSequence() < ticks && !follower.isStopped())
                {
                    follower.doWork();
                }
                final double seconds = (System.nanoTime() - startNs) / 1e9;
                System.out.printf("catch-up of a new edge: %,d ticks in %.2f s = %,.0f ticks/s%n", ticks, seconds, ticks / seconds);
            }
        }
    }

    /** Appends {@code ticks} quotes stamped with the time they are written, at {@code rate} per second (0: at once). */
    private static void write(final TickJournal journal, final long ticks, final long rate)
    {
        try (TickAppender appender = journal.appender())
        {
            final Tick tick = new Tick();
            final long startNs = System.nanoTime();
            for (long i = 0; i < ticks; i++)
            {
                if (rate > 0)
                {
                    final long dueNs = startNs + i * 1_000_000_000L / rate;
                    while (System.nanoTime() < dueNs)
                    {
                        Thread.onSpinWait();
                    }
                }
                tick.quote(epochNs(), (int)(i % 100), 10_000 + i % 7, 100, 10_010 + i % 7, 200);
                appender.append(tick);
            }
        }
    }

    private static void measure(final TickJournal journal, final long ticks, final Histogram latency)
    {
        try (TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            long seen = 0;
            while (seen < ticks)
            {
                if (!tailer.readNext(tick))
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                    continue;
                }
                seen = tick.sequence;
                if (seen > ticks / 5)
                {
                    // the first fifth warms up the JVMs and the clients (metadata, the first transactions): not measured
                    latency.recordValue(Math.max(0, Math.min(latency.getHighestTrackableValue(), epochNs() - tick.eventTimeNs)));
                }
            }
        }
    }

    private static long epochNs()
    {
        final java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Figures of the fleet's pipeline on a running broker (a benchmark, not a test): a journal written
 * as fast as it goes or at a paced rate, published by a {@link JournalPublisher}, followed by a
 * {@link TopicFollower} into a second journal, and the second journal tailed to time each tick from
 * its event time (stamped when written) to when it is readable at the edge.
 *
 * <p>Arguments: brokers, ticks, rate (0: as fast as it goes); {@code -Dfleet.ticksPerRecord=N},
 * {@code -Dfleet.ticksPerTransaction=N} and {@code -Dproducer.NAME=VALUE} try other settings. Prints throughput, end-to-end latency
 * percentiles (of the last four fifths of the ticks: the first fifth warms up) and the catch-up rate
 * of a new edge reading the whole topic. A warm-up pass at the same rate runs first, unreported, so that the figures
 * are those of compiled code: 10 s of ticks, 3 M at the maximum rate, or {@code -Dfleet.warmupTicks=N} (0 for none).
 */
public final class FleetBenchmark
{
    /** Where figures go: nowhere during the warm-up. */
    private static PrintStream out = System.out;

    private FleetBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String bootstrap = args[0];
        final long ticks = Long.parseLong(args[1]);
        final long rate = Long.parseLong(args[2]);
        final long warmupTicks = Long.getLong("fleet.warmupTicks", rate > 0 ? rate * 10 : 3_000_000);
        final List<Path> journals = new ArrayList<>();
        final List<String> topics = new ArrayList<>();
        try
        {
            if (warmupTicks > 0)
            {
                // the same pipeline at the same rate (10 s of it, or 3 M ticks as fast as it goes), on a topic and journals
                // of its own, not reported: on two cores the JIT compilers of this JVM and of the broker otherwise take a
                // third of the CPU for the first 20-30 s, and the broker's paths for small, frequent transactions are not
                // those of large ones
                System.out.printf("warming up with %,d ticks...%n", warmupTicks);
                out = new PrintStream(OutputStream.nullOutputStream());
                pass(bootstrap, warmupTicks, rate, journals, topics);
                out = System.out;
            }
            pass(bootstrap, ticks, rate, journals, topics);
        }
        finally
        {
            // the journals (GBs in /tmp) and the topics are deleted at the end, not between the passes: freeing their
            // pages, and the broker deleting a topic's files a minute later, would fall into the measured pass
            journals.forEach(dir -> IoUtil.delete(dir.toFile(), true));
            deleteTopics(bootstrap, topics);
        }
    }

    private static void pass(
        final String bootstrap, final long ticks, final long rate, final List<Path> journals, final List<String> topics)
        throws Exception
    {
        final String topic = "bench-" + System.currentTimeMillis();
        final Path dir = Files.createTempDirectory("fleet-bench");
        journals.add(dir);
        final FleetConfiguration fleet = new FleetConfiguration().bootstrapServers(bootstrap).topic(topic)
            .transactionalId("bench-" + topic).checkpointIntervalMs(1_000)
            .ticksPerRecord(Integer.getInteger("fleet.ticksPerRecord", FleetConfiguration.DEFAULT_TICKS_PER_RECORD))
            .ticksPerTransaction(Integer.getInteger("fleet.ticksPerTransaction", FleetConfiguration.DEFAULT_TICKS_PER_TRANSACTION));
        TopicSetup.ensure(fleet);
        topics.add(topic);
        run(fleet, dir, ticks, rate);
    }

    private static void run(final FleetConfiguration fleet, final Path dir, final long ticks, final long rate) throws Exception
    {
        try (TickJournal writerJournal = TickJournal.open(dir.resolve("writer"));
            TickJournal edgeJournal = TickJournal.open(dir.resolve("edge")))
        {
            final Thread writer = new Thread(() -> write(writerJournal, ticks, rate), "writer");
            final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final long[] seenAtNs = new long[(int)ticks + 1];
            final long[] eventNs = new long[(int)ticks + 1];
            final Thread reader = new Thread(() -> measure(edgeJournal, ticks, latency, eventNs, seenAtNs), "edge-reader");
            final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(fleet));
            producer.initTransactions();
            final FleetStatus publisherStatus = new FleetStatus(FleetStatus.Role.ACTIVE);
            final FleetStatus edgeStatus = new FleetStatus(FleetStatus.Role.EDGE);
            try (JournalPublisher publisher = new JournalPublisher(writerJournal, producer,
                () -> new KafkaProducer<>(producerProperties(fleet)), fleet, publisherStatus, SystemEpochClock.INSTANCE, 1);
                TopicFollower follower = new TopicFollower(edgeJournal, fleet, edgeStatus, SystemEpochClock.INSTANCE))
            {
                final Transactions transactions = new Transactions();
                final Thread publishing = new Thread(() ->
                {
                    // the idle strategy the writer's agent runs with (FleetSimulate), so that idle polling costs what it costs there
                    final IdleStrategy idle = new SleepingMillisIdleStrategy(1);
                    while (publisherStatus.publishedSequence() < ticks && !publisher.hasStopped())
                    {
                        final long beforeNs = epochNs();
                        final int published = publisher.doWork();
                        if (published > 0)
                        {
                            transactions.add(beforeNs, epochNs(), publisherStatus.publishedSequence());
                        }
                        idle.idle(published);
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
                out.printf("ticks %,d rate %s: written in %.2f s, published (committed) in %.2f s, at the edge in %.2f s: " +
                    "%,.0f ticks/s end to end; %,d transactions%n",
                    ticks, rate == 0 ? "max" : String.format("%,d/s", rate), (writtenNs - startNs) / 1e9, (publishedNs - startNs) / 1e9,
                    (endNs - startNs) / 1e9, ticks / ((endNs - startNs) / 1e9), publisherStatus.transactions());
                out.printf("writer -> Kafka -> edge journal latency: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                    latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6);
                transactions.printBreakdown(ticks, eventNs, seenAtNs);
                producer.metrics().forEach((name, metric) ->
                {
                    if ("producer-metrics".equals(name.group()) && "compression-rate-avg".equals(name.name()))
                    {
                        out.printf("  records compressed to %.2f of their size (%s)%n", (Double)metric.metricValue(),
                            producerProperties(fleet).get("compression.type"));
                    }
                });
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
                out.printf("catch-up of a new edge: %,d ticks in %.2f s = %,.0f ticks/s%n", ticks, seconds, ticks / seconds);
            }
        }
    }

    /**
     * Appends {@code ticks} quotes stamped with the time they are written, at {@code rate} per second (0: at once). A paced
     * writer appends the ticks that are due and sleeps 50 µs, as a feed handler waiting on its socket would: spinning for
     * each tick's due time took a whole core of the two, which the broker and the clients then lacked.
     */
    private static void write(final TickJournal journal, final long ticks, final long rate)
    {
        try (TickAppender appender = journal.appender())
        {
            final Tick tick = new Tick();
            final long startNs = System.nanoTime();
            long i = 0;
            while (i < ticks)
            {
                final long due = rate > 0 ? Math.min(ticks, (System.nanoTime() - startNs) * rate / 1_000_000_000L + 1) : ticks;
                if (i >= due)
                {
                    LockSupport.parkNanos(50_000);
                    continue;
                }
                for (; i < due; i++)
                {
                    tick.quote(epochNs(), (int)(i % 100), 10_000 + i % 7, 100, 10_010 + i % 7, 200);
                    appender.append(tick);
                }
            }
        }
    }

    private static void measure(
        final TickJournal journal, final long ticks, final Histogram latency, final long[] eventNs, final long[] seenAtNs)
    {
        try (TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            long seen = 0;
            while (seen < ticks)
            {
                if (!tailer.readNext(tick))
                {
                    LockSupport.parkNanos(20_000);
                    continue;
                }
                seen = tick.sequence;
                eventNs[(int)seen] = tick.eventTimeNs;
                seenAtNs[(int)seen] = epochNs();
                if (seen > ticks / 5)
                {
                    // the first fifth warms up the JVMs and the clients (metadata, the first transactions): not measured
                    latency.recordValue(clamp(latency, seenAtNs[(int)seen] - tick.eventTimeNs));
                }
            }
        }
    }

    private static void deleteTopics(final String bootstrap, final List<String> topics) throws Exception
    {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)))
        {
            admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** The writer's producer settings, with any given as {@code -Dproducer.NAME=VALUE} in their place (to try one out). */
    private static Map<String, Object> producerProperties(final FleetConfiguration fleet)
    {
        final Map<String, Object> properties = fleet.producerProperties();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("producer."))
            .forEach(name -> properties.put(name.substring("producer.".length()), System.getProperty(name)));
        return properties;
    }

    private static long clamp(final Histogram histogram, final long valueNs)
    {
        return Math.max(0, Math.min(histogram.getHighestTrackableValue(), valueNs));
    }

    /**
     * When each transaction began and committed, and its last sequence: splits each tick's latency into waiting for the
     * transaction that takes it (append to begin), the transaction (begin to commit returned) and the edge (commit to the
     * edge's journal: the broker's markers, the consumer's fetch, the follower's append).
     */
    private static final class Transactions
    {
        private final long[] beginNs = new long[1 << 20];
        private final long[] commitNs = new long[1 << 20];
        private final long[] lastSequence = new long[1 << 20];
        private final Histogram durations = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        private int count;

        void add(final long begin, final long commit, final long last)
        {
            beginNs[count] = begin;
            commitNs[count] = commit;
            lastSequence[count] = last;
            durations.recordValue(clamp(durations, commit - begin));
            count++;
        }

        void printBreakdown(final long ticks, final long[] eventNs, final long[] seenAtNs)
        {
            final Histogram waiting = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final Histogram inTransaction = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            final Histogram toEdge = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            int t = 0;
            for (long sequence = ticks / 5 + 1; sequence <= ticks; sequence++)
            {
                while (t < count && lastSequence[t] < sequence)
                {
                    t++;
                }
                if (t == count || 0 == seenAtNs[(int)sequence])
                {
                    continue;
                }
                waiting.recordValue(clamp(waiting, beginNs[t] - eventNs[(int)sequence]));
                inTransaction.recordValue(clamp(inTransaction, commitNs[t] - beginNs[t]));
                toEdge.recordValue(clamp(toEdge, seenAtNs[(int)sequence] - commitNs[t]));
            }
            out.printf("  each tick: append -> transaction begins %s; transaction %s; commit -> edge journal %s%n",
                percentiles(waiting), percentiles(inTransaction), percentiles(toEdge));
            out.printf("  %,d transactions: %s each%n", count, percentiles(durations));
        }

        private static String percentiles(final Histogram histogram)
        {
            return String.format("p50 %.2f p99 %.2f max %.2f ms", histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6);
        }
    }

    private static long epochNs()
    {
        final java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

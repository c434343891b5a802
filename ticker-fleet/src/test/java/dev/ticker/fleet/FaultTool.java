package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka side of the fleet's fault suite ({@code scripts/fleet-faults.sh}), which runs brokers,
 * writers and edges in network namespaces:
 *
 * <pre>
 *   wait-brokers BOOTSTRAP N TIMEOUT_MS     until N brokers are registered
 *   leader BOOTSTRAP TOPIC                  prints the node id of partition 0's leader
 *   isr BOOTSTRAP TOPIC                     prints the size of partition 0's in-sync replica set
 *   verify BOOTSTRAP TOPIC JOURNAL...       the topic holds 1..N, once each, and every journal holds
 *                                           exactly the topic's ticks; prints N; exit 1 otherwise
 * </pre>
 */
public final class FaultTool
{
    private FaultTool()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        switch (args[0])
        {
            case "wait-brokers" -> waitBrokers(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
            case "leader" -> System.out.println(describe(args[1], args[2]).partitions().get(0).leader().id());
            case "isr" -> System.out.println(describe(args[1], args[2]).partitions().get(0).isr().size());
            case "verify" -> System.exit(verify(args[1], args[2], List.of(args).subList(3, args.length)) ? 0 : 1);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static Admin admin(final String bootstrap)
    {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    private static void waitBrokers(final String bootstrap, final int count, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        try (Admin admin = admin(bootstrap))
        {
            while (true)
            {
                try
                {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count)
                    {
                        return;
                    }
                }
                catch (final Exception ex)
                {
                    // not up yet
                }
                if (System.currentTimeMillis() > deadline)
                {
                    System.err.println("fewer than " + count + " brokers within " + timeoutMs + " ms");
                    System.exit(1);
                }
                Thread.sleep(500);
            }
        }
    }

    private static TopicDescription describe(final String bootstrap, final String topic) throws Exception
    {
        try (Admin admin = admin(bootstrap))
        {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(20, TimeUnit.SECONDS).get(topic);
        }
    }

    private static boolean verify(final String bootstrap, final String topic, final List<String> journals)
    {
        final TopicPartition partition = new TopicPartition(topic, 0);
        final Tick tick = new Tick();
        long[] fingerprints = new long[1 << 20];
        long last = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
            new FleetConfiguration().bootstrapServers(bootstrap).topic(topic).consumerProperties("fault-verify")))
        {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(Set.of(partition)).get(partition);
            final long deadline = System.currentTimeMillis() + 120_000;
            while (consumer.position(partition) < end && System.currentTimeMillis() < deadline)
            {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)))
                {
                    if (!KafkaRecordDescriptor.TYPE_TICKS.equals(KafkaRecordDescriptor.type(record.headers())))
                    {
                        continue;
                    }
                    final ByteBuffer buffer = ByteBuffer.wrap(record.value());
                    for (int offset = 0; offset < record.value().length; offset += TickDescriptor.LENGTH)
                    {
                        if (!KafkaRecordDescriptor.decode(buffer, offset, tick))
                        {
                            return fail("topic offset " + record.offset() + ": a tick fails its checksum");
                        }
                        if (tick.sequence != last + 1)
                        {
                            return fail("topic offset " + record.offset() + ": sequence " + tick.sequence + " after " + last +
                                (tick.sequence <= last ? " (a duplicate)" : " (a gap)"));
                        }
                        last = tick.sequence;
                        if (last >= fingerprints.length)
                        {
                            fingerprints = java.util.Arrays.copyOf(fingerprints, fingerprints.length * 2);
                        }
                        fingerprints[(int)last] = fingerprint(tick);
                    }
                }
            }
            if (consumer.position(partition) < end)
            {
                return fail("the topic could not be read to its end in 120 s");
            }
        }
        System.out.println("topic " + topic + ": sequences 1.." + last + ", no gap, no duplicate");
        for (final String journalDir : journals)
        {
            try (TickJournal journal = TickJournal.open(Path.of(journalDir)); TickTailer tailer = journal.tailer())
            {
                long sequence = 0;
                while (tailer.readNext(tick))
                {
                    if (tick.sequence != sequence + 1)
                    {
                        return fail(journalDir + ": sequence " + tick.sequence + " after " + sequence);
                    }
                    sequence = tick.sequence;
                    if (sequence > last || fingerprints[(int)sequence] != fingerprint(tick))
                    {
                        return fail(journalDir + ": sequence " + sequence + " is not the topic's");
                    }
                }
                if (sequence != last)
                {
                    return fail(journalDir + ": ends at sequence " + sequence + ", the topic at " + last);
                }
                System.out.println(journalDir + ": sequences 1.." + sequence + ", every one the topic's");
            }
        }
        System.out.println("LAST " + last);
        return true;
    }

    private static long fingerprint(final Tick tick)
    {
        long h = tick.eventTimeNs;
        h = h * 31 + tick.type;
        h = h * 31 + tick.side;
        h = h * 31 + tick.instrumentId;
        h = h * 31 + tick.price;
        h = h * 31 + tick.size;
        h = h * 31 + tick.askPrice;
        return h * 31 + tick.askSize;
    }

    private static boolean fail(final String why)
    {
        System.out.println("FAIL " + why);
        return false;
    }
}

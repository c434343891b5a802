package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The committed ticks at the end of the topic, read without a journal: what a writer whose
 * transaction ended in doubt (a commit that timed out, a producer that failed) must learn before
 * it goes on, since that transaction may have committed after all. Reads a window back from the
 * end, widening it until it reaches the sequence asked for or the topic's start.
 */
final class TopicTail
{
    private static final int FIRST_WINDOW = 1_024;
    private static final long TIMEOUT_MS = 60_000;

    private TopicTail()
    {
    }

    /**
     * The committed ticks with a sequence above {@code afterSequence}, in order (copies).
     *
     * @throws IllegalStateException when the topic cannot be read to its end in time.
     */
    static List<Tick> ticksAfter(final FleetConfiguration configuration, final long afterSequence)
    {
        final TopicPartition partition = new TopicPartition(configuration.topic(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(configuration.consumerProperties("ticker-writer-tail")))
        {
            consumer.assign(List.of(partition));
            final long begin = consumer.beginningOffsets(Set.of(partition)).get(partition);
            final long end = consumer.endOffsets(Set.of(partition)).get(partition);
            long window = FIRST_WINDOW;
            while (true)
            {
                final long start = Math.max(begin, end - window);
                final List<Tick> ticks = new ArrayList<>();
                final long firstSequence = read(consumer, partition, start, end, tick ->
                {
                    if (tick.sequence > afterSequence)
                    {
                        ticks.add(new Tick().copyFrom(tick));
                    }
                });
                if (start == begin || firstSequence <= afterSequence + 1)
                {
                    return ticks;
                }
                window *= 4;
            }
        }
    }

    /**
     * The sequence of the topic's last committed tick, 0 when it holds none, read from the end back
     * only as far as the last record of ticks.
     *
     * @throws IllegalStateException when the topic cannot be read to its end in time.
     */
    static long lastSequence(final FleetConfiguration configuration)
    {
        final TopicPartition partition = new TopicPartition(configuration.topic(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(configuration.consumerProperties("ticker-writer-tail")))
        {
            consumer.assign(List.of(partition));
            final long begin = consumer.beginningOffsets(Set.of(partition)).get(partition);
            final long end = consumer.endOffsets(Set.of(partition)).get(partition);
            final long[] last = {0};
            long window = FIRST_WINDOW;
            while (true)
            {
                final long start = Math.max(begin, end - window);
                read(consumer, partition, start, end, tick -> last[0] = Math.max(last[0], tick.sequence));
                if (last[0] > 0 || start == begin)
                {
                    return last[0];
                }
                window *= 4;
            }
        }
    }

    /** Reads [start, end), handing each committed tick to {@code onTick}; returns the first sequence seen (MAX_VALUE for none). */
    private static long read(
        final KafkaConsumer<byte[], byte[]> consumer,
        final TopicPartition partition,
        final long start,
        final long end,
        final Consumer<Tick> onTick)
    {
        consumer.seek(partition, start);
        long first = Long.MAX_VALUE;
        final long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        final Tick tick = new Tick();
        while (consumer.position(partition) < end)
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new IllegalStateException("the topic " + partition + " could not be read to its end in " + TIMEOUT_MS + " ms");
            }
            for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)))
            {
                if (record.offset() >= end || !KafkaRecordDescriptor.TYPE_TICKS.equals(KafkaRecordDescriptor.type(record.headers())))
                {
                    continue;
                }
                final ByteBuffer buffer = ByteBuffer.wrap(record.value());
                for (int offset = 0; offset + TickDescriptor.LENGTH <= record.value().length; offset += TickDescriptor.LENGTH)
                {
                    if (!KafkaRecordDescriptor.decode(buffer, offset, tick))
                    {
                        throw new IllegalStateException("a tick at offset " + record.offset() + " of " + partition + " fails its checksum");
                    }
                    first = Math.min(first, tick.sequence);
                    onTick.accept(tick);
                }
            }
        }
        return first;
    }
}

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

/** The committed ticks of a topic as a read_committed consumer sees them, read by the test on its own. */
final class TopicTruth
{
    private TopicTruth()
    {
    }

    /** Every committed tick's sequence, in topic order. */
    static List<Long> sequences(final String bootstrap, final String topic)
    {
        final TopicPartition partition = new TopicPartition(topic, 0);
        final List<Long> sequences = new ArrayList<>();
        final Tick tick = new Tick();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
            new FleetConfiguration().bootstrapServers(bootstrap).topic(topic).consumerProperties("topic-truth")))
        {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(Set.of(partition)).get(partition);
            final long deadline = System.currentTimeMillis() + 60_000;
            while (consumer.position(partition) < end && System.currentTimeMillis() < deadline)
            {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)))
                {
                    if (KafkaRecordDescriptor.TYPE_TICKS.equals(KafkaRecordDescriptor.type(record.headers())))
                    {
                        final ByteBuffer buffer = ByteBuffer.wrap(record.value());
                        for (int offset = 0; offset < record.value().length; offset += TickDescriptor.LENGTH)
                        {
                            if (!KafkaRecordDescriptor.decode(buffer, offset, tick))
                            {
                                throw new AssertionError("a tick of offset " + record.offset() + " fails its checksum");
                            }
                            sequences.add(tick.sequence);
                        }
                    }
                }
            }
        }
        return sequences;
    }
}

package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.util.List;

/** Writes ticks to a topic the way a writer does, for tests that play a writer of their own (another feed, a rival). */
final class TicksRecord
{
    private TicksRecord()
    {
    }

    /** Commits {@code ticks} (sequences as they carry them) as one record of ticks, in one transaction. */
    static void commit(final KafkaProducer<byte[], byte[]> producer, final String topic, final List<Tick> ticks)
    {
        final ByteBuffer value = ByteBuffer.allocate(ticks.size() * TickDescriptor.LENGTH);
        for (int i = 0; i < ticks.size(); i++)
        {
            KafkaRecordDescriptor.encode(ticks.get(i), value, i * TickDescriptor.LENGTH);
        }
        final RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaRecordDescriptor.TYPE_HEADER, KafkaRecordDescriptor.typeBytes(KafkaRecordDescriptor.TYPE_TICKS));
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, 0, null, null, value.array(), headers));
        producer.commitTransaction();
    }
}

package dev.ticker.fleet;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.simulator.ProgressListener;
import dev.ticker.simulator.importing.CsvImporter;
import dev.ticker.simulator.importing.ImportConfiguration;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ticker import --kafka}'s publishing on one real Kafka broker: CSV files imported into real
 * journals, published to a topic, an edge following it.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ImportPublicationTest
{
    private static final long WAIT_MS = 60_000;
    private static final int ROWS = 3_000;
    private static final int PREFIX_ROWS = 1_000;

    @RegisterExtension
    static final SharedKafkaBroker broker = new SharedKafkaBroker();

    @TempDir
    Path dir;

    @Test
    void shouldContinueAfterTheTopicsLastSequenceAndLetAnEdgeFollowEveryImportedRecord() throws Exception
    {
        final FleetConfiguration fleet = new FleetConfiguration().bootstrapServers(broker.bootstrap()).topic("imported");
        try (TickJournal prefix = importCsv("prefix", PREFIX_ROWS, 0);
            TickJournal whole = importCsv("whole", ROWS, 0))
        {
            assertEquals(new ImportPublication.Result(1, PREFIX_ROWS), publish(prefix, fleet),
                "an empty topic takes the journal from sequence 1");
            assertEquals(new ImportPublication.Result(PREFIX_ROWS + 1, ROWS), publish(whole, fleet),
                "a journal whose first records the topic holds goes on after the topic's last");
            assertEquals(0, publish(whole, fleet).published(), "a journal the topic holds whole publishes nothing more");

            final FleetException beyond = assertThrows(FleetException.class, () -> publish(prefix, fleet));
            assertTrue(beyond.getMessage().contains("already holds sequences up to " + ROWS) &&
                beyond.getMessage().contains("beyond this journal's last (" + PREFIX_ROWS), beyond.getMessage());

            assertEquals(LongStream.rangeClosed(1, ROWS).boxed().toList(), TopicTruth.sequences(broker.bootstrap(), fleet.topic()),
                "the topic holds 1..N once each");
            try (TickJournal edgeJournal = TickJournal.open(dir.resolve("edge"));
                FleetEdge edge = FleetEdge.start(edgeJournal, fleet, new ServerConfiguration().port(0)))
            {
                Await.until("the edge holds every imported record", WAIT_MS, () -> edge.status().headSequence() == ROWS,
                    () -> "edge head " + edge.status().headSequence() + ", alarm '" + edge.status().alarm() + "'");
                assertEquals("", edge.status().alarm());
                SameJournals.assertSameRecords(whole, edgeJournal, ROWS);
                assertEquals(ROWS, edgeJournal.headSequence(), "nothing after the last imported record");
                assertEquals(whole.instruments().instruments(), edgeJournal.instruments().instruments(),
                    "the edge has the import's catalogue");
            }
        }
    }

    @Test
    void shouldRefuseATopicHoldingAnotherFeedWithoutFencingItsWriter() throws Exception
    {
        final FleetConfiguration fleet = new FleetConfiguration().bootstrapServers(broker.bootstrap()).topic("another-feed");
        TopicSetup.ensure(fleet);
        try (TickJournal imported = importCsv("imported", ROWS, 0);
            TickJournal other = importCsv("other", PREFIX_ROWS, 1);
            KafkaProducer<byte[], byte[]> liveWriter = new KafkaProducer<>(fleet.producerProperties()))
        {
            liveWriter.initTransactions();
            commitTicks(liveWriter, fleet.topic(), other, 1, 10);

            final FleetException refused = assertThrows(FleetException.class, () -> publish(imported, fleet));
            assertTrue(refused.getMessage().contains("already holds sequences 1..10 that collide") &&
                refused.getMessage().contains("sequence 1 ") && refused.getMessage().contains("differs"), refused.getMessage());

            commitTicks(liveWriter, fleet.topic(), other, 11, 20);
            assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), TopicTruth.sequences(broker.bootstrap(), fleet.topic()),
                "the writer already on the topic was not fenced, and nothing of the import was committed");
        }
    }

    @Test
    void shouldFinishAPublicationStoppedPartWayWhenTheSameJournalIsPublishedAgain() throws Exception
    {
        final FleetConfiguration fleet = new FleetConfiguration().bootstrapServers(broker.bootstrap()).topic("stopped-part-way")
            .ticksPerTransaction(500);
        try (TickJournal imported = importCsv("imported", ROWS, 0))
        {
            final int[] checks = {0};
            final FleetException stopped = assertThrows(FleetException.class, () -> ImportPublication.publish(imported, fleet,
                SystemEpochClock.INSTANCE, new SleepingMillisIdleStrategy(1), () -> ++checks[0] > 1));
            assertTrue(stopped.getMessage().contains("holds this journal up to sequence 500 of " + ROWS), stopped.getMessage());

            assertEquals(new ImportPublication.Result(501, ROWS), publish(imported, fleet));
            assertEquals(LongStream.rangeClosed(1, ROWS).boxed().toList(), TopicTruth.sequences(broker.bootstrap(), fleet.topic()),
                "the topic holds 1..N once each");
        }
    }

    private static ImportPublication.Result publish(final TickJournal journal, final FleetConfiguration fleet)
    {
        return ImportPublication.publish(journal, fleet, SystemEpochClock.INSTANCE, new SleepingMillisIdleStrategy(1), () -> false);
    }

    /** Imports {@code rows} trades of AAPL, one a millisecond, priced by row and {@code variant}, into a new journal. */
    private TickJournal importCsv(final String name, final int rows, final int variant) throws IOException
    {
        final StringBuilder csv = new StringBuilder("time,symbol,price,size,side\n");
        for (int row = 0; row < rows; row++)
        {
            csv.append(1_795_185_000_000L + row).append(",AAPL,").append(200 + variant).append('.').append(String.format("%02d", row % 100))
                .append(',').append(1 + row % 7).append(row % 2 == 0 ? ",B\n" : ",S\n");
        }
        final Path trades = dir.resolve(name + ".csv");
        Files.writeString(trades, csv);
        final Path journal = dir.resolve(name).resolve("journal");
        new CsvImporter(new ImportConfiguration().journal(journal).trades(trades)).run(ProgressListener.NONE);
        return TickJournal.open(journal);
    }

    /** Commits the journal's ticks {@code from..to} as a writer would, in one transaction. */
    private static void commitTicks(
        final KafkaProducer<byte[], byte[]> producer, final String topic, final TickJournal journal, final long from, final long to)
    {
        final List<Tick> ticks = new ArrayList<>();
        try (TickTailer tailer = journal.tailer())
        {
            assertTrue(tailer.moveToSequence(from));
            for (long sequence = from; sequence <= to; sequence++)
            {
                final Tick tick = new Tick();
                assertTrue(tailer.readNext(tick));
                ticks.add(tick);
            }
        }
        TicksRecord.commit(producer, topic, ticks);
    }
}

package dev.ticker.fleet;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real Kafka broker for every test class of a run that registers this extension: a broker takes
 * 15–25 s to start, so the classes share it, each on topics (and so transactional ids) of its own.
 * It starts before the first such class and is stopped, and its folder deleted, when the run ends.
 */
final class SharedKafkaBroker implements BeforeAllCallback
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKafkaBroker.class);

    private KafkaBroker broker;

    @Override
    public void beforeAll(final ExtensionContext context)
    {
        broker = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> Running.start(), Running.class).broker;
    }

    String bootstrap()
    {
        return broker.bootstrap();
    }

    /** The broker and its folder, closed with the run's root store. */
    private static final class Running implements AutoCloseable
    {
        private final Path dir;
        private final KafkaBroker broker;

        private Running(final Path dir, final KafkaBroker broker)
        {
            this.dir = dir;
            this.broker = broker;
        }

        static Running start()
        {
            try
            {
                final Path dir = Files.createTempDirectory("ticker-test-kafka-");
                return new Running(dir, KafkaBroker.start(dir));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the broker started", ex);
            }
        }

        @Override
        public void close() throws IOException
        {
            broker.close();
            try (Stream<Path> paths = Files.walk(dir))
            {
                for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}

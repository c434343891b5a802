package dev.ticker.simulator;

import dev.ticker.journal.Tick;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a {@link MarketModel} on its own thread, a batch ahead of the thread that writes its ticks,
 * so that on two cores generating and appending overlap. The batches of ticks are allocated once
 * and passed back and forth; the order of ticks is the model's, so the journal is the same as if
 * one thread did both. Not for the live feed, whose rate is far below what one thread manages.
 */
final class TickBatchPipe implements AutoCloseable
{
    static final int BATCH_TICKS = 8192;
    private static final int BATCHES = 4;

    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final Thread producer;
    private volatile RuntimeException failure;

    /** A batch of ticks; {@code last} marks the final one, after which the model has no more. */
    static final class Batch
    {
        final Tick[] ticks = new Tick[BATCH_TICKS];
        int size;
        boolean last;

        Batch()
        {
            for (int i = 0; i < ticks.length; i++)
            {
                ticks[i] = new Tick();
            }
        }
    }

    /**
     * @param counts counted on the model's thread; read them after {@link #close()}.
     */
    TickBatchPipe(final MarketModel model, final TickCounts counts)
    {
        for (int i = 0; i < BATCHES; i++)
        {
            free.add(new Batch());
        }
        producer = new Thread(() -> produce(model, counts), "market-model");
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(final MarketModel model, final TickCounts counts)
    {
        try
        {
            boolean more = true;
            while (more)
            {
                final Batch batch = free.take();
                int size = 0;
                while (size < BATCH_TICKS && (more = model.next(batch.ticks[size])))
                {
                    counts.count(batch.ticks[size]);
                    size++;
                }
                batch.size = size;
                batch.last = !more;
                full.put(batch);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
            final Batch end = new Batch();
            end.last = true;
            full.offer(end);
        }
    }

    /** The next batch of ticks, waiting for the model if needed; give it back with {@link #release(Batch)}. */
    Batch take()
    {
        try
        {
            final Batch batch = full.take();
            final RuntimeException ex = failure;
            if (null != ex)
            {
                throw ex;
            }
            return batch;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the market model", ex);
        }
    }

    void release(final Batch batch)
    {
        free.offer(batch);
    }

    /** Stops the model's thread, whether or not it has finished. */
    @Override
    public void close()
    {
        producer.interrupt();
        try
        {
            producer.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

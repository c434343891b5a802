package dev.ticker.cli;

import dev.ticker.journal.Tick;

import java.io.IOException;

/** Where a replay of a journal window goes: a file in some format, or another journal. */
interface TickSink extends AutoCloseable
{
    /** Takes one tick; the tick is a reused flyweight, valid only during the call. */
    void onTick(Tick tick) throws IOException;

    /** Pushes out what is buffered, before the replay waits for the next tick to be due. */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}

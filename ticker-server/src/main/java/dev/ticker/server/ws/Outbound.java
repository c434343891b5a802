package dev.ticker.server.ws;

import java.nio.ByteBuffer;

/**
 * Where a session's frames go: the calls a fan-out thread makes on a connection's socket, so that
 * its duty cycle can be driven by hand in unit tests with a socket that records what it is given.
 * {@link WebSocketConnection} is the real one; its result codes are the ones returned here.
 */
public interface Outbound
{
    /** A complete data frame; see {@link WebSocketConnection#offer}. */
    int offer(ByteBuffer frame);

    /** A frame that goes even while bytes are owed, queued behind them; see {@link WebSocketConnection#offerControl}. */
    int offerControl(ByteBuffer frame);

    /** Bytes taken and not yet written. */
    long owedBytes();

    /** Starts the close handshake after what is owed. */
    void close(int code, String reason);

    /** Closes the socket now. */
    void abort();
}

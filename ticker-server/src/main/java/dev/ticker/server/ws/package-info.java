/**
 * The server's own RFC 6455 transport: {@link dev.ticker.server.ws.WebSocketUpgrade} accepts the opening
 * handshake and hands over the upgraded connection; {@link dev.ticker.server.ws.WebSocketConnection} then
 * reads client frames ({@link dev.ticker.server.ws.FrameReader}) and writes server frames
 * ({@link dev.ticker.server.ws.FrameHeaders}) itself, on the connection's XNIO I/O thread, one write per
 * frame, so the thread that builds a frame sends it with no framing queue, lock or task hand-off.
 * <p>
 * Memory: an idle connection holds no buffer. Reads land in the I/O thread's shared buffer
 * ({@link dev.ticker.server.ws.IoThreadBuffers}); bytes a socket did not take borrow chunks from the
 * thread's {@link dev.ticker.server.ws.BufferPool} until written; a client message is copied only when it
 * is cut across reads.
 * <p>
 * Threading: everything of a connection, its buffers and its pool, is confined to its I/O thread; owners
 * call it from that thread (a task run with {@code connection.getIoThread().execute(...)} or a callback).
 */
package dev.ticker.server.ws;

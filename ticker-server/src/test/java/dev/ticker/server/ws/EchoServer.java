package dev.ticker.server.ws;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ticker.server.WebSocketTestClient;
import io.undertow.Handlers;
import io.undertow.Undertow;
import org.agrona.concurrent.SystemNanoClock;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real Undertow server on a free loopback port routing /ws to {@link WebSocketUpgrade}, whose owner
 * echoes every binary message on the connection's I/O thread and refuses text with 1003.
 */
final class EchoServer implements AutoCloseable
{
    static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    static final int POOL_CHUNKS = 512;

    private final Undertow undertow;
    private final long closeTimeoutNs;
    private final Map<XnioIoThread, IoThreadBuffers> buffersByThread = new ConcurrentHashMap<>();
    final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();

    private final int poolChunks;

    EchoServer(final long closeTimeoutNs)
    {
        this(closeTimeoutNs, POOL_CHUNKS);
    }

    EchoServer(final long closeTimeoutNs, final int poolChunks)
    {
        this.closeTimeoutNs = closeTimeoutNs;
        this.poolChunks = poolChunks;
        undertow = Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setIoThreads(2)
            .setWorkerThreads(2)
            .setHandler(Handlers.path().addExactPath("/ws", new WebSocketUpgrade(this::onUpgraded)))
            .build();
        undertow.start();
    }

    int port()
    {
        return ((InetSocketAddress)undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The next connection upgraded, waiting for it. */
    Peer nextPeer() throws InterruptedException
    {
        final Peer peer = peers.poll(WebSocketTestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (null == peer)
        {
            fail("no connection upgraded within " + WebSocketTestClient.TIMEOUT);
        }
        return peer;
    }

    private void onUpgraded(final StreamConnection connection, final InetSocketAddress peerAddress)
    {
        final IoThreadBuffers buffers = buffersByThread.computeIfAbsent(connection.getIoThread(),
            thread -> new IoThreadBuffers(IoThreadBuffers.DEFAULT_READ_BUFFER_BYTES,
                new BufferPool(IoThreadBuffers.DEFAULT_CHUNK_BYTES, poolChunks)));
        final Peer peer = new Peer(connection, buffers, peerAddress);
        peer.upgradedOnIoThread = Thread.currentThread() == connection.getIoThread();
        peer.connection.start();
        peers.add(peer);
    }

    @Override
    public void close()
    {
        undertow.stop();
    }

    /** One upgraded connection and what its owner was told. */
    final class Peer implements WebSocketConnection.Listener
    {
        final StreamConnection stream;
        final IoThreadBuffers buffers;
        final InetSocketAddress address;
        final WebSocketConnection connection;
        final CopyOnWriteArrayList<String> violations = new CopyOnWriteArrayList<>();
        final AtomicInteger drained = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile boolean echo = true;
        volatile boolean upgradedOnIoThread;

        Peer(final StreamConnection stream, final IoThreadBuffers buffers, final InetSocketAddress address)
        {
            this.stream = stream;
            this.buffers = buffers;
            this.address = address;
            this.connection = new WebSocketConnection(stream, buffers, MAX_MESSAGE_BYTES, closeTimeoutNs, new SystemNanoClock(), this);
        }

        /** Runs {@code task} on the connection's I/O thread and returns its result. */
        <T> T call(final Callable<T> task) throws Exception
        {
            final CompletableFuture<T> result = new CompletableFuture<>();
            stream.getIoThread().execute(() ->
            {
                try
                {
                    result.complete(task.call());
                }
                catch (final Throwable ex)
                {
                    result.completeExceptionally(ex);
                }
            });
            return result.get(WebSocketTestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void onMessage(final ByteBuffer payload)
        {
            if (echo)
            {
                final int headerLength = FrameHeaders.headerLength(payload.remaining());
                final ByteBuffer frame = ByteBuffer.allocate(headerLength + payload.remaining());
                FrameHeaders.writeHeader(frame, 0, FrameHeaders.OPCODE_BINARY, payload.remaining());
                frame.position(headerLength).put(payload).flip();
                // control: an echo must not be dropped when the previous one is still owed
                connection.offerControl(frame);
            }
        }

        @Override
        public void onTextMessage()
        {
            connection.close(CloseCodes.UNSUPPORTED_DATA, "text frames are not part of the protocol");
        }

        @Override
        public void onViolation(final int closeCode, final String why)
        {
            violations.add(closeCode + " " + why);
        }

        @Override
        public void onDrained()
        {
            drained.incrementAndGet();
        }

        @Override
        public void onClosed()
        {
            closed.incrementAndGet();
        }
    }
}

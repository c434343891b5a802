package dev.ticker.server;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ServerMessage;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real WebSocket client (the JDK's java.net.http) that speaks the binary protocol: it decodes
 * every server frame into a {@link ServerMessage} and queues it, and records how the connection
 * closed. Waits are on conditions with deadlines, never sleeps.
 */
public final class WebSocketTestClient implements WebSocket.Listener, AutoCloseable
{
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final BlockingQueue<ServerMessage> messages = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason;
    private volatile boolean reading = true;
    private WebSocket webSocket;

    public static WebSocketTestClient connect(final URI uri)
    {
        return connect(uri, Map.of());
    }

    public static WebSocketTestClient connect(final URI uri, final Map<String, String> headers)
    {
        final WebSocketTestClient client = new WebSocketTestClient();
        final WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        client.webSocket = builder.buildAsync(uri, client).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        return client;
    }

    /**
     * Connects with a client of the caller's (e.g. one that trusts a test CA for wss://), extra headers and
     * the subprotocols to offer (none when empty).
     */
    public static WebSocketTestClient connect(
        final URI uri, final HttpClient http, final Map<String, String> headers, final List<String> subprotocols)
    {
        final WebSocketTestClient client = new WebSocketTestClient();
        final WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty())
        {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(new String[0]));
        }
        client.webSocket = builder.buildAsync(uri, client).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        return client;
    }

    /** The subprotocol the server answered with; empty for none. */
    public String subprotocol()
    {
        return webSocket.getSubprotocol();
    }

    /** Drops the connection without a close handshake, as a lost network would. */
    public void abort()
    {
        webSocket.abort();
    }

    /** Stops taking frames off the socket, as a stalled client would. */
    public void stopReading()
    {
        reading = false;
    }

    public void send(final ClientMessage message)
    {
        sendBinary(message.toByteArray());
    }

    public void sendBinary(final byte[] bytes)
    {
        webSocket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public void sendText(final String text)
    {
        webSocket.sendText(text, true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /**
     * The next message other than a heartbeat (heartbeats come at any time); fails the test if none
     * arrives in time.
     */
    public ServerMessage next()
    {
        return nextMatching(message -> !message.hasHeartbeat());
    }

    /** The next message, heartbeats included; fails the test if none arrives in time. */
    public ServerMessage nextAny()
    {
        try
        {
            final ServerMessage message = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (null == message)
            {
                fail("no message from the server within " + TIMEOUT + (closeCode.isDone() ? "; closed with " + closeCode.join() + " " + closeReason : ""));
            }
            return message;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Skips messages until one matches; fails the test if none does in time. */
    public ServerMessage nextMatching(final Predicate<ServerMessage> predicate)
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0)
        {
            final ServerMessage message = nextAny();
            if (predicate.test(message))
            {
                return message;
            }
        }
        return fail("no matching message from the server within " + TIMEOUT);
    }

    /** The close code the server sent; fails the test if the connection does not close in time. */
    public int awaitCloseCode()
    {
        return closeCode.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public String closeReason()
    {
        return closeReason;
    }

    public boolean isClosed()
    {
        return closeCode.isDone();
    }

    @Override
    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        final byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last)
        {
            try
            {
                messages.add(ServerMessage.parseFrom(partial.toByteArray()));
            }
            catch (final InvalidProtocolBufferException ex)
            {
                closeCode.completeExceptionally(new AssertionError("server sent an undecodable frame", ex));
            }
            partial.reset();
        }
        if (reading)
        {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        closeCode.completeExceptionally(new AssertionError("server sent a text frame: " + data));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closeReason = reason;
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close()
    {
        if (!webSocket.isOutputClosed())
        {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        webSocket.abort();
    }
}

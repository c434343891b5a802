package dev.ticker.server.ws;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.ticker.server.WebSocketTestClient;

import static org.junit.jupiter.api.Assertions.fail;

/** The JDK's WebSocket client, collecting whole binary messages, pings and pongs, and the close it got. */
final class BinaryClient implements WebSocket.Listener
{
    final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> pings = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    WebSocket webSocket;

    static BinaryClient connect(final int port)
    {
        final BinaryClient client = new BinaryClient();
        client.webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
            .connectTimeout(WebSocketTestClient.TIMEOUT)
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client)
            .orTimeout(WebSocketTestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .join();
        return client;
    }

    static <T> T take(final BlockingQueue<T> queue, final String what) throws InterruptedException
    {
        final T item = queue.poll(WebSocketTestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (null == item)
        {
            fail("no " + what + " within " + WebSocketTestClient.TIMEOUT);
        }
        return item;
    }

    /** "code reason" of the close frame the server sent. */
    String closeReceived() throws Exception
    {
        return closed.get(WebSocketTestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        final byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last)
        {
            messages.add(partial.toByteArray());
            partial.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(final WebSocket webSocket, final ByteBuffer message)
    {
        pings.add(copy(message));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(final WebSocket webSocket, final ByteBuffer message)
    {
        pongs.add(copy(message));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        closed.completeExceptionally(error);
    }

    private static byte[] copy(final ByteBuffer buffer)
    {
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}

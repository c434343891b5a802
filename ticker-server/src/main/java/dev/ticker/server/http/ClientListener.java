package dev.ticker.server.http;

import dev.ticker.server.limits.PendingHandshakes;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.ssl.SslConnection;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The client port's listener (HTTP, or HTTPS with an {@link SSLContext}), opened here rather than
 * through Undertow's builder so that {@link PendingHandshakes} sees each connection as it is
 * accepted: the builder hands accepted connections straight to HTTP parsing. Everything after the
 * accept is Undertow's own open listener with the settings its builder would give it.
 */
public final class ClientListener implements AutoCloseable
{
    /** Undertow's buffer for a connection's reads and writes: 16 KiB, direct, as its builder sizes it on a large heap. */
    private static final int BUFFER_BYTES = 16 * 1024;
    private static final int BACKLOG = 1000;

    private final AcceptingChannel<? extends StreamConnection> channel;
    private final InetSocketAddress address;

    private ClientListener(final AcceptingChannel<? extends StreamConnection> channel)
    {
        this.channel = channel;
        this.address = channel.getLocalAddress(InetSocketAddress.class);
    }

    /**
     * Listens on {@code host:port} and serves {@code handler}.
     *
     * @param serverOptions Undertow's options (timeouts) for the connections' HTTP.
     * @param socketOptions options of the accepted sockets (send buffer) beside the defaults here.
     * @param tls           the TLS context, or null for plain HTTP.
     * @param tlsProtocols  the TLS versions a client may use (with TLS).
     * @throws UncheckedIOException when the address cannot be listened on.
     */
    public static ClientListener open(
        final XnioWorker worker,
        final String host,
        final int port,
        final OptionMap serverOptions,
        final OptionMap socketOptions,
        final SSLContext tls,
        final List<String> tlsProtocols,
        final PendingHandshakes pendingHandshakes,
        final HttpHandler handler)
    {
        final ByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_BYTES, -1, 4);
        final HttpOpenListener openListener = new HttpOpenListener(
            buffers, OptionMap.builder().set(UndertowOptions.BUFFER_PIPELINED_DATA, true).addAll(serverOptions).getMap());
        openListener.setRootHandler(pendingHandshakes.completing(handler));
        final OptionMap.Builder options = OptionMap.builder()
            .set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
            .set(Options.TCP_NODELAY, true)
            .set(Options.REUSE_ADDRESSES, true)
            .set(Options.BALANCING_TOKENS, 1)
            .set(Options.BALANCING_CONNECTIONS, 2)
            .set(Options.BACKLOG, BACKLOG)
            .addAll(socketOptions);
        try
        {
            final InetSocketAddress bindAddress = new InetSocketAddress(InetAddress.getByName(host), port);
            final AcceptingChannel<? extends StreamConnection> channel;
            if (null == tls)
            {
                channel = worker.createStreamConnectionServer(
                    bindAddress, pendingHandshakes.<StreamConnection>acceptListener(openListener), options.getMap());
            }
            else
            {
                options.set(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(tlsProtocols));
                final UndertowXnioSsl ssl = new UndertowXnioSsl(worker.getXnio(), OptionMap.create(Options.USE_DIRECT_BUFFERS, true), tls);
                channel = ssl.createSslConnectionServer(
                    worker, bindAddress, pendingHandshakes.<SslConnection>acceptListener(openListener), options.getMap());
            }
            channel.resumeAccepts();
            return new ClientListener(channel);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + " (" + ex.getMessage() + ")", ex);
        }
    }

    /** The address listened on (the actual port when 0 was asked for). */
    public InetSocketAddress address()
    {
        return address;
    }

    /** Stops accepting; connections already open stay until they close. */
    @Override
    public void close()
    {
        IoUtils.safeClose(channel);
    }
}

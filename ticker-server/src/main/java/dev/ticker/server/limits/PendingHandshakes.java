package dev.ticker.server.limits;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.channels.AcceptingChannel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps the connections from one IP address that are still in their handshake: accepted, but not yet
 * through their TLS handshake (with TLS) and their first whole HTTP request (a WebSocket upgrade or
 * an API call). Such connections cost a descriptor each and nothing else, so one address could
 * otherwise hold thousands of them open until the handshake timeout and take the descriptors every
 * other client needs. A connection over the cap is closed as soon as it is accepted, before any
 * byte is read from it; the others count until their first request arrives or they close. A
 * WebSocket turned away after its handshake (over a connection limit: it gets its reason and close
 * 1013) counts again until it has closed, so that an address cannot hold more than the cap of those
 * either, however long its peers take to answer the close.
 *
 * <p>The connection is seen at accept ({@link #acceptListener}), at its first request
 * ({@link #completing}) and at its close (a close listener, which XNIO adds beside Undertow's).
 */
public final class PendingHandshakes
{
    private final AddressCounts perAddress;
    private final AtomicLong refused = new AtomicLong();
    /** The connections in their handshake, each with its address: whoever removes one gives its place back. */
    private final ConcurrentHashMap<StreamConnection, InetAddress> pending = new ConcurrentHashMap<>();
    private final ChannelListener<StreamConnection> onClose = this::handshakeOver;

    public PendingHandshakes(final int maxPerAddress)
    {
        this.perAddress = new AddressCounts(maxPerAddress);
    }

    /**
     * Accepts one connection per event, as XNIO's open listener adapter does, and passes it on to
     * {@code openListener} (Undertow's HTTP open listener) unless its address is at the cap.
     */
    public <C extends StreamConnection> ChannelListener<AcceptingChannel<C>> acceptListener(
        final ChannelListener<? super StreamConnection> openListener)
    {
        return channel ->
        {
            final C connection;
            try
            {
                connection = channel.accept();
            }
            catch (final IOException ex)
            {
                return; // the peer went away between its SYN and the accept: nothing was taken
            }
            if (null != connection)
            {
                onAccepted(connection, openListener);
            }
        };
    }

    /** Passes every request on to {@code next}, after counting its connection's handshake as done. */
    public HttpHandler completing(final HttpHandler next)
    {
        return exchange ->
        {
            if (exchange.getConnection() instanceof AbstractServerConnection connection)
            {
                handshakeOver(connection.getChannel());
            }
            next.handleRequest(exchange);
        };
    }

    /**
     * Counts {@code connection}, through its request but turned away, until it closes: past the cap,
     * its address's next connections are closed at accept until enough of these have closed.
     */
    public void holdUntilClosed(final StreamConnection connection, final InetAddress address)
    {
        if (null == pending.putIfAbsent(connection, address))
        {
            perAddress.increment(address);
            if (!connection.isOpen())
            {
                handshakeOver(connection);
            }
        }
    }

    /** Connections in their handshake now, from every address. */
    public int pending()
    {
        return pending.size();
    }

    /** Connections in their handshake now from {@code address}. */
    public int pending(final InetAddress address)
    {
        return perAddress.count(address);
    }

    /** Connections closed at accept because their address was at the cap, since start. */
    public long refused()
    {
        return refused.get();
    }

    private void onAccepted(final StreamConnection connection, final ChannelListener<? super StreamConnection> openListener)
    {
        final InetAddress address = connection.getPeerAddress(InetSocketAddress.class).getAddress();
        if (!perAddress.tryIncrement(address))
        {
            refused.incrementAndGet();
            IoUtils.safeClose(connection);
            return;
        }
        pending.put(connection, address);
        // XNIO keeps this listener beside the one Undertow sets, and calls it at once if the connection is already closed
        connection.setCloseListener(onClose);
        ChannelListeners.invokeChannelListener(connection, openListener);
    }

    private void handshakeOver(final StreamConnection connection)
    {
        final InetAddress address = pending.remove(connection);
        if (null != address)
        {
            perAddress.decrement(address);
        }
    }
}

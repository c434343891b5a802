package dev.ticker.server.ws;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.Protocols;
import io.undertow.util.StatusCodes;
import org.xnio.StreamConnection;

/**
 * Accepts an RFC 6455 opening handshake (§4.2.1) and hands the upgraded connection to its owner, so
 * frames are then read and written by the server's own framing instead of Undertow's. A request that is
 * not a valid handshake gets 400 (or 405, or 426 for another protocol version) with one line saying what
 * is wrong. No extension or subprotocol is negotiated.
 */
public final class WebSocketUpgrade implements HttpHandler
{
    /** The only protocol version spoken. */
    public static final String VERSION = "13";

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int KEY_BYTES = 16;
    private static final HttpString SEC_WEBSOCKET_VERSION = new HttpString("Sec-WebSocket-Version");
    private static final HttpString SEC_WEBSOCKET_KEY = new HttpString("Sec-WebSocket-Key");
    private static final HttpString SEC_WEBSOCKET_ACCEPT = new HttpString("Sec-WebSocket-Accept");

    /** Takes each upgraded connection, on its I/O thread. */
    @FunctionalInterface
    public interface Acceptor
    {
        /** {@code connection} speaks WebSocket frames from now on; {@code peer} is the client's address. */
        void onUpgraded(StreamConnection connection, InetSocketAddress peer);
    }

    private final Acceptor acceptor;

    /** A handler giving each upgraded connection to {@code acceptor}. */
    public WebSocketUpgrade(final Acceptor acceptor)
    {
        this.acceptor = acceptor;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange)
    {
        if (!Methods.GET.equals(exchange.getRequestMethod()))
        {
            exchange.getResponseHeaders().put(Headers.ALLOW, Methods.GET_STRING);
            refuse(exchange, StatusCodes.METHOD_NOT_ALLOWED, "a WebSocket handshake is a GET request, not " +
                exchange.getRequestMethod());
            return;
        }
        final String upgrade = exchange.getRequestHeaders().getFirst(Headers.UPGRADE);
        if (null == upgrade)
        {
            refuse(exchange, StatusCodes.BAD_REQUEST, "missing header Upgrade: websocket (this endpoint only speaks WebSocket)");
            return;
        }
        if (!"websocket".equalsIgnoreCase(upgrade.trim()))
        {
            refuse(exchange, StatusCodes.BAD_REQUEST, "header Upgrade is '" + upgrade + "', expected 'websocket'");
            return;
        }
        if (!hasToken(exchange.getRequestHeaders().get(Headers.CONNECTION), "upgrade"))
        {
            refuse(exchange, StatusCodes.BAD_REQUEST, "header Connection must contain the token 'Upgrade'");
            return;
        }
        if (!Protocols.HTTP_1_1.equals(exchange.getProtocol()))
        {
            refuse(exchange, StatusCodes.BAD_REQUEST, "a WebSocket handshake needs HTTP/1.1, not " + exchange.getProtocol());
            return;
        }
        final String version = exchange.getRequestHeaders().getFirst(SEC_WEBSOCKET_VERSION);
        if (!VERSION.equals(null == version ? null : version.trim()))
        {
            exchange.getResponseHeaders().put(SEC_WEBSOCKET_VERSION, VERSION);
            refuse(exchange, StatusCodes.UPGRADE_REQUIRED, null == version ?
                "missing header Sec-WebSocket-Version: 13" :
                "header Sec-WebSocket-Version is '" + version + "', only 13 is supported");
            return;
        }
        final String key = exchange.getRequestHeaders().getFirst(SEC_WEBSOCKET_KEY);
        if (null == key)
        {
            refuse(exchange, StatusCodes.BAD_REQUEST, "missing header Sec-WebSocket-Key");
            return;
        }
        if (!isValidKey(key.trim()))
        {
            refuse(exchange, StatusCodes.BAD_REQUEST, "header Sec-WebSocket-Key is not the base64 of 16 bytes");
            return;
        }

        final InetSocketAddress peer = exchange.getSourceAddress();
        exchange.getResponseHeaders().put(Headers.UPGRADE, "websocket");
        exchange.getResponseHeaders().put(SEC_WEBSOCKET_ACCEPT, acceptValue(key.trim()));
        exchange.upgradeChannel((connection, upgraded) -> acceptor.onUpgraded(connection, peer));
        exchange.endExchange();
    }

    /** The Sec-WebSocket-Accept value for a Sec-WebSocket-Key (RFC 6455 §4.2.2). */
    public static String acceptValue(final String key)
    {
        try
        {
            final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            final byte[] digest = sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            // every Java platform must provide SHA-1 (MessageDigest's contract)
            throw new IllegalStateException(ex);
        }
    }

    private static boolean isValidKey(final String key)
    {
        try
        {
            return Base64.getDecoder().decode(key).length == KEY_BYTES;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    private static boolean hasToken(final HeaderValues values, final String token)
    {
        if (null == values)
        {
            return false;
        }
        for (final String value : values)
        {
            for (final String part : value.split(","))
            {
                if (token.equalsIgnoreCase(part.trim()))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static void refuse(final HttpServerExchange exchange, final int status, final String why)
    {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(why + "\n");
    }
}

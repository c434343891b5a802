package dev.ticker.server.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answers only requests that name this server in {@code Host}: loopback names, the listen address
 * and the configured names. A web page on another domain that its DNS points at this machine (DNS
 * rebinding) sends its own domain as {@code Host}, so it is turned away here before any handler,
 * even when its {@code Origin} matches that domain.
 */
public final class HostCheck implements HttpHandler
{
    private static final int MISDIRECTED_REQUEST = 421;

    private final Set<String> names = new HashSet<>();
    private final boolean any;
    private final HttpHandler next;

    /**
     * @param listenHost   the address the listener is bound to (its name counts as the server's own).
     * @param allowedHosts further names, or {@code *} for any.
     */
    public HostCheck(final String listenHost, final List<String> allowedHosts, final HttpHandler next)
    {
        names.addAll(List.of("localhost", "127.0.0.1", "[::1]"));
        names.add(bracketed(listenHost.toLowerCase(Locale.ROOT)));
        names.addAll(allowedHosts);
        this.any = allowedHosts.contains("*");
        this.next = next;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        final String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (any || (null != host && isAllowed(host)))
        {
            next.handleRequest(exchange);
            return;
        }
        exchange.setStatusCode(MISDIRECTED_REQUEST);
        exchange.setReasonPhrase("Misdirected Request");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send("Host " + (null == host ? "(missing)" : "'" + host + "'") +
            " is not a name of this server; start it with --allowed-hosts to add one\n");
    }

    boolean isAllowed(final String hostHeader)
    {
        return names.contains(nameOf(hostHeader.strip().toLowerCase(Locale.ROOT)));
    }

    /** The host part of a {@code Host} value: {@code name}, {@code 1.2.3.4} or {@code [::1]}, without the port. */
    static String nameOf(final String host)
    {
        if (host.startsWith("["))
        {
            final int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        final int colon = host.indexOf(':');
        final String name = colon < 0 ? host : host.substring(0, colon);
        // a fully qualified name may end with a dot
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String bracketed(final String address)
    {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }
}

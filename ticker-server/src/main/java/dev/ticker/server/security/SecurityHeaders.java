package dev.ticker.server.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * Adds the headers that keep browsers from misusing the server's answers: no content sniffing, no
 * framing by other sites (clickjacking), no referrer leaking, a Content-Security-Policy that lets the
 * dashboard load only its own scripts and talk only to its own server, and, over TLS, HSTS.
 */
public final class SecurityHeaders implements HttpHandler
{
    /** The dashboard's policy: its own files, its own server's HTTP and WebSocket, inline styles (chart library), data: images. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; connect-src 'self'; " +
        "img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; " +
        "form-action 'none'";
    private static final HttpString CSP = new HttpString("Content-Security-Policy");
    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
    private static final HttpString FRAME_OPTIONS = new HttpString("X-Frame-Options");
    private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
    private static final HttpString HSTS = new HttpString("Strict-Transport-Security");

    private final boolean tls;
    private final HttpHandler next;

    public SecurityHeaders(final boolean tls, final HttpHandler next)
    {
        this.tls = tls;
        this.next = next;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        final HeaderMap headers = exchange.getResponseHeaders();
        headers.put(NOSNIFF, "nosniff");
        headers.put(FRAME_OPTIONS, "DENY");
        headers.put(REFERRER_POLICY, "no-referrer");
        headers.put(CSP, CONTENT_SECURITY_POLICY);
        if (tls)
        {
            headers.put(HSTS, "max-age=31536000");
        }
        next.handleRequest(exchange);
    }
}

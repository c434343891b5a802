package dev.ticker.server.security;

import dev.ticker.journal.TickJournal;
import dev.ticker.server.config.ServerConfiguration;
import io.undertow.server.HttpHandler;

import java.nio.file.Path;

/**
 * The security of one server, built once from its configuration: TLS on the client port (when a
 * certificate is given), the token verifier (with {@code --auth token}), and the handlers that put
 * both in front of the routes: Host check and security headers on everything, token checks and CORS
 * on {@code /api/*}, token checks at the WebSocket handshake.
 */
public final class ServerSecurity implements AutoCloseable
{
    /** Tokens from clocks this far apart still count as in date. */
    public static final long MAX_CLOCK_SKEW_SECONDS = 30;

    private final ServerConfiguration configuration;
    private final ServerTls tls;
    private final TokenVerifier verifier;
    private final ConnectionGuards guards;

    private ServerSecurity(final ServerConfiguration configuration, final ServerTls tls, final TokenVerifier verifier,
        final ConnectionGuards guards)
    {
        this.configuration = configuration;
        this.tls = tls;
        this.verifier = verifier;
        this.guards = guards;
    }

    /**
     * Loads the certificate and the token key the configuration names.
     *
     * @throws IllegalArgumentException {@code key=file: why} for a file that is missing or wrong.
     */
    public static ServerSecurity start(final ServerConfiguration configuration, final TickJournal journal)
    {
        final TokenVerifier verifier = verifier(configuration);
        final ServerTls tls = configuration.tlsCert().isEmpty() ? null :
            ServerTls.start(Path.of(configuration.tlsCert()), Path.of(configuration.tlsKey()), configuration.tlsReloadCheckMs());
        return new ServerSecurity(configuration, tls, verifier,
            new ConnectionGuards(verifier, InstrumentDirectory.of(journal), System::currentTimeMillis));
    }

    private static TokenVerifier verifier(final ServerConfiguration configuration)
    {
        if (!"token".equals(configuration.auth()))
        {
            return null;
        }
        if (!configuration.tokenSecret().isEmpty())
        {
            return TokenVerifier.hmacSecret(Path.of(configuration.tokenSecret()), MAX_CLOCK_SKEW_SECONDS);
        }
        if (!configuration.tokenPublicKey().isEmpty())
        {
            return TokenVerifier.publicKey(Path.of(configuration.tokenPublicKey()), MAX_CLOCK_SKEW_SECONDS);
        }
        return TokenVerifier.jwks(Path.of(configuration.tokenJwks()), MAX_CLOCK_SKEW_SECONDS);
    }

    /** Whether the client port speaks TLS. */
    public boolean isTls()
    {
        return null != tls;
    }

    /** The server's TLS, or null without it. */
    public ServerTls tls()
    {
        return tls;
    }

    public ConnectionGuards guards()
    {
        return guards;
    }

    /** Everything a listener answers passes the Host check and gets the security headers. */
    public HttpHandler everything(final String listenHost, final HttpHandler routes)
    {
        return new HostCheck(listenHost, configuration.allowedHosts(), new SecurityHeaders(null != tls, routes));
    }

    /** An {@code /api/*} route: CORS for the configured origins, then the token (with {@code --auth token}). */
    public HttpHandler api(final HttpHandler handler)
    {
        return new Cors(configuration.corsOrigins(), null == verifier ? handler : new HttpAuthentication(verifier, handler));
    }

    /** The WebSocket handshake, with the token check when the server has one. */
    public HttpHandler webSocket(final WebSocketAuthentication.Acceptor acceptor)
    {
        return new WebSocketAuthentication(verifier, acceptor);
    }

    @Override
    public void close()
    {
        if (null != tls)
        {
            tls.close();
        }
    }
}

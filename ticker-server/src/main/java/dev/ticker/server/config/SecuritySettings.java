package dev.ticker.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.ticker.server.config.ServerSettings.ADMIN_PORT;
import static dev.ticker.server.config.ServerSettings.TLS_RELOAD_CHECK_MS;

/**
 * The checks of the security settings that tie them together: TLS needs both files, token
 * authentication needs exactly one key, and a server reachable beyond loopback needs
 * authentication unless the operator says otherwise in so many words.
 */
final class SecuritySettings
{
    static final String AUTH_NONE = "none";
    static final String AUTH_TOKEN = "token";

    private SecuritySettings()
    {
    }

    static void validate(final ServerConfiguration configuration)
    {
        final boolean cert = !configuration.tlsCert().isEmpty();
        final boolean key = !configuration.tlsKey().isEmpty();
        if (cert != key)
        {
            throw new IllegalArgumentException(cert ?
                "tlsKey=: --tls-cert needs its key, --tls-key FILE" :
                "tlsCert=: --tls-key needs its certificate, --tls-cert FILE");
        }
        readable("tlsCert", configuration.tlsCert());
        readable("tlsKey", configuration.tlsKey());
        TLS_RELOAD_CHECK_MS.check(configuration.tlsReloadCheckMs());

        final List<String> keys = List.of(configuration.tokenSecret(), configuration.tokenPublicKey(), configuration.tokenJwks());
        final long keysGiven = keys.stream().filter(k -> !k.isEmpty()).count();
        switch (configuration.auth())
        {
            case AUTH_NONE ->
            {
                if (keysGiven > 0)
                {
                    throw new IllegalArgumentException("auth=none: a token key is given; add --auth token to check tokens with it");
                }
            }
            case AUTH_TOKEN ->
            {
                if (keysGiven != 1)
                {
                    throw new IllegalArgumentException("auth=token: needs exactly one of --token-secret, --token-public-key, " +
                        "--token-jwks (" + keysGiven + " given)");
                }
            }
            default -> throw new IllegalArgumentException("auth=" + configuration.auth() + ": expected none or token");
        }
        readable("tokenSecret", configuration.tokenSecret());
        readable("tokenPublicKey", configuration.tokenPublicKey());
        readable("tokenJwks", configuration.tokenJwks());

        for (final String origin : configuration.corsOrigins())
        {
            if (!origin.matches("https?://[^/*]+"))
            {
                throw new IllegalArgumentException("corsOrigins=" + origin + ": expected scheme://host[:port]");
            }
        }
        for (final String host : configuration.allowedHosts())
        {
            if (!host.equals("*") && !host.matches("[a-z0-9.\\-]+|\\[[0-9a-f:.]+]"))
            {
                throw new IllegalArgumentException("allowedHosts=" + host + ": expected a host name, an address or *");
            }
        }
        ADMIN_PORT.check(configuration.adminPort());
        if (configuration.port() != 0 && configuration.effectiveAdminPort() == configuration.port())
        {
            throw new IllegalArgumentException("adminPort=" + configuration.adminPort() + ": must not be the client port");
        }
        if (configuration.effectiveAdminPort() > 65_535)
        {
            throw new IllegalArgumentException("adminPort=0: the client port + 1 is beyond 65535; give --admin-port");
        }
        if (AUTH_NONE.equals(configuration.auth()) && !configuration.allowUnauthenticatedRemote() &&
            !isLoopback(configuration.host()))
        {
            throw new IllegalArgumentException("host=" + configuration.host() + ": listening beyond loopback without " +
                "authentication would give every symbol and replay to anyone who reaches the port; " +
                "add --auth token (docs/security.md), or --allow-unauthenticated-remote if that is intended");
        }
    }

    /** Whether the address is loopback only; a name that does not resolve is taken as not. */
    static boolean isLoopback(final String host)
    {
        try
        {
            for (final InetAddress address : InetAddress.getAllByName(host))
            {
                if (!address.isLoopbackAddress())
                {
                    return false;
                }
            }
            return true;
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    private static void readable(final String key, final String file)
    {
        if (!file.isEmpty() && !Files.isReadable(Path.of(file)))
        {
            throw new IllegalArgumentException(key + "=" + file + ": " +
                (Files.exists(Path.of(file)) ? "cannot be read (permissions)" : "no such file"));
        }
    }
}

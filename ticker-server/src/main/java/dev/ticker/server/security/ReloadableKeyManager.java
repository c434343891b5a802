package dev.ticker.server.security;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The server's key manager, whose certificate and key can be swapped while the server runs: each
 * new TLS handshake takes the current ones, and connections already open keep the session they
 * agreed, so a renewed certificate takes effect without dropping anyone. Each loaded pair has its
 * own alias, so a handshake that chose an alias just before a swap still gets a matching
 * certificate and key.
 */
final class ReloadableKeyManager extends X509ExtendedKeyManager
{
    /** One certificate chain and its key, named by an alias no other load uses. */
    record Credentials(String alias, X509Certificate[] chain, PrivateKey key)
    {
    }

    private volatile Credentials current;
    private volatile Credentials previous;

    ReloadableKeyManager(final Credentials initial)
    {
        this.current = initial;
        this.previous = initial;
    }

    void swap(final Credentials next)
    {
        previous = current;
        current = next;
    }

    Credentials current()
    {
        return current;
    }

    @Override
    public String[] getClientAliases(final String keyType, final Principal[] issuers)
    {
        return null;
    }

    @Override
    public String chooseClientAlias(final String[] keyType, final Principal[] issuers, final Socket socket)
    {
        return null;
    }

    @Override
    public String[] getServerAliases(final String keyType, final Principal[] issuers)
    {
        final String alias = serverAlias(keyType);
        return null == alias ? null : new String[]{alias};
    }

    @Override
    public String chooseServerAlias(final String keyType, final Principal[] issuers, final Socket socket)
    {
        return serverAlias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(final String keyType, final Principal[] issuers, final SSLEngine engine)
    {
        return serverAlias(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(final String alias)
    {
        final Credentials credentials = byAlias(alias);
        return null == credentials ? null : credentials.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(final String alias)
    {
        final Credentials credentials = byAlias(alias);
        return null == credentials ? null : credentials.key();
    }

    private String serverAlias(final String keyType)
    {
        final Credentials credentials = current;
        return credentials.key().getAlgorithm().equals(keyType) ? credentials.alias() : null;
    }

    private Credentials byAlias(final String alias)
    {
        final Credentials now = current;
        if (now.alias().equals(alias))
        {
            return now;
        }
        final Credentials before = previous;
        return before.alias().equals(alias) ? before : null;
    }
}

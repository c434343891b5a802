package dev.ticker.cli;

import dev.ticker.server.security.Entitlements;
import dev.ticker.server.security.SymbolPattern;
import dev.ticker.server.security.TokenIssuer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ticker token}: signs an access token with the key the server checks tokens with, so an operator
 * can hand one to a user or a system (and tests can make them) without an identity provider. Prints
 * the token alone on standard output, for scripts.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
        "Prints a signed access token for a server started with --auth token (see docs/security.md).",
        "Sign with the server's HS256 secret (--secret) or with the private key whose public key or JWKS the server has (--private-key)."})
final class TokenCommand implements Callable<Integer>
{

    @Option(names = "--subject", required = true, paramLabel = "NAME", description = "Who the token is for (the sub claim).")
    String subject;

    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL",
        description = "Symbols entitled: exact (AAPL) or patterns (*.DE, EUR*, * for all). Comma-separated, repeatable.")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--groups", split = ",", paramLabel = "KIND:VALUE",
        description = "Instrument groups entitled: sector:Energy, currency:EUR. Comma-separated, repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--replay", description = "Allow replays of the journal.")
    boolean replay;

    @Option(names = "--replay-back", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "How far before now a replay may start (30d, 8h, P30D...); default: no limit.")
    Duration replayBack = Duration.ZERO;

    @Option(names = "--max-updates-per-second", paramLabel = "N",
        description = "Most updates per second per symbol; 0 (default) for every tick.")
    int maxUpdatesPerSecond;

    @Option(names = "--max-connections", paramLabel = "N",
        description = "Most connections the subject may hold at once; 0 (default) for the server's limits only.")
    int maxConnections;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "8h",
        description = "How long the token holds (30m, 8h, 7d, PT8H...). Default: ${DEFAULT-VALUE}.")
    Duration timeToLive;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Key key;

    /** Which key signs: exactly one. */
    static final class Key
    {
        @Option(names = "--secret", paramLabel = "FILE", description = "The server's HS256 secret file (--token-secret).")
        Path secret;

        @Option(names = "--private-key", paramLabel = "FILE",
            description = "An RSA or EC P-256 private key (PEM) whose public key the server has (--token-public-key or --token-jwks).")
        Path privateKey;
    }

    @Option(names = "--key-id", paramLabel = "KID", description = "The kid header: the key's id in the server's JWKS file.")
    String keyId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        final List<SymbolPattern> patterns = new ArrayList<>();
        for (final String symbol : symbols)
        {
            patterns.add(SymbolPattern.parse(symbol.strip()));
        }
        if (patterns.isEmpty() && groups.isEmpty())
        {
            throw new IllegalArgumentException("symbols: the token would entitle nothing; give --symbols or --groups");
        }
        final Entitlements entitlements = new Entitlements(patterns, groups, replay, replayBack, maxUpdatesPerSecond, maxConnections);
        final TokenIssuer issuer = null != key.secret ? TokenIssuer.hmacSecret(key.secret) : TokenIssuer.privateKey(key.privateKey, keyId);
        spec.commandLine().getOut().println(issuer.issue(subject, entitlements, Instant.now(), timeToLive));
        spec.commandLine().getOut().flush();
        return 0;
    }

}

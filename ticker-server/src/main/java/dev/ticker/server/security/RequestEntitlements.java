package dev.ticker.server.security;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.ReplayAction;
import dev.ticker.proto.v1.ReplayControl;
import dev.ticker.proto.v1.ReplayStart;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.Subscribe;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds each client request to the connection's entitlements before the stream sees it: a Subscribe,
 * the subscriptions of a Resume and the symbols of a ReplayStart keep only entitled symbols (a request
 * for all becomes the entitled instruments), their rate is capped at the entitled one, and a replay
 * (or a seek) is checked against the replay entitlement and how far back it may go. What is left out
 * is named in one refusal; what is entitled goes on, so a watchlist with one unlicensed symbol still
 * streams the others.
 */
public final class RequestEntitlements
{
    /** What to hand on (null for nothing), and why anything was left out (null when nothing was). */
    public record Verdict(ClientMessage message, String refusal, int requestId)
    {
    }

    private final InstrumentDirectory instruments;

    public RequestEntitlements(final InstrumentDirectory instruments)
    {
        this.instruments = instruments;
    }

    /**
     * @param nowEpochNs the server's time, for how far back a replay may start.
     */
    public Verdict check(final ClientMessage message, final AccessToken token, final long nowEpochNs)
    {
        final Entitlements entitlements = token.entitlements();
        if (entitlements == Entitlements.ALL)
        {
            return new Verdict(message, null, 0);
        }
        return switch (message.getBodyCase())
        {
            case SUBSCRIBE -> subscribe(message.getSubscribe(), token);
            case RESUME -> resume(message.getResume(), token);
            case REPLAY_START -> replayStart(message, token, nowEpochNs);
            case REPLAY_CONTROL -> replayControl(message, token, nowEpochNs);
            default -> new Verdict(message, null, 0);
        };
    }

    private Verdict subscribe(final Subscribe request, final AccessToken token)
    {
        final List<String> refused = new ArrayList<>();
        final Subscribe entitled = entitled(request, token.entitlements(), refused);
        final String refusal = refusal(refused, token);
        if (null == entitled)
        {
            return new Verdict(null, null == refusal ? "no instrument of the journal is entitled for subject " + token.subject() :
                refusal, request.getRequestId());
        }
        return new Verdict(ClientMessage.newBuilder().setSubscribe(entitled).build(), refusal, request.getRequestId());
    }

    private Verdict resume(final Resume request, final AccessToken token)
    {
        final List<String> refused = new ArrayList<>();
        final Resume.Builder entitled = request.toBuilder().clearSubscriptions();
        for (final Subscribe subscription : request.getSubscriptionsList())
        {
            final Subscribe kept = entitled(subscription, token.entitlements(), refused);
            if (null != kept)
            {
                entitled.addSubscriptions(kept);
            }
        }
        return new Verdict(ClientMessage.newBuilder().setResume(entitled).build(), refusal(refused, token), request.getRequestId());
    }

    private Verdict replayStart(final ClientMessage message, final AccessToken token, final long nowEpochNs)
    {
        final ReplayStart request = message.getReplayStart();
        final Entitlements entitlements = token.entitlements();
        final String replayRefusal = request.hasFromSequence() ?
            sequenceRefusal(entitlements) : entitlements.replayRefusal(request.getFromTimeNs(), nowEpochNs);
        if (null != replayRefusal)
        {
            return new Verdict(null, replayRefusal + " for subject " + token.subject(), request.getRequestId());
        }
        final List<String> refused = new ArrayList<>();
        final Subscribe symbols = entitled(Subscribe.newBuilder().addAllSymbols(request.getSymbolsList()).setAll(request.getAll()).build(),
            entitlements, refused);
        final String refusal = refusal(refused, token);
        if (null == symbols)
        {
            return new Verdict(null, null == refusal ? "no instrument of the journal is entitled for subject " + token.subject() :
                refusal, request.getRequestId());
        }
        final ReplayStart entitled = request.toBuilder().clearSymbols().addAllSymbols(symbols.getSymbolsList())
            .setAll(symbols.getAll()).build();
        return new Verdict(ClientMessage.newBuilder().setReplayStart(entitled).build(), refusal, request.getRequestId());
    }

    private Verdict replayControl(final ClientMessage message, final AccessToken token, final long nowEpochNs)
    {
        final ReplayControl request = message.getReplayControl();
        if (request.getAction() != ReplayAction.REPLAY_ACTION_SEEK)
        {
            return new Verdict(message, null, 0);
        }
        final String refusal = request.hasSeekSequence() ?
            sequenceRefusal(token.entitlements()) : token.entitlements().replayRefusal(request.getSeekTimeNs(), nowEpochNs);
        return null == refusal ? new Verdict(message, null, 0) :
            new Verdict(null, "seek: " + refusal + " for subject " + token.subject(), request.getRequestId());
    }

    /** A replay from a sequence: allowed when replay is, and its start is not limited (a sequence's time is not known here). */
    private static String sequenceRefusal(final Entitlements entitlements)
    {
        final String refusal = entitlements.replayRefusal(Long.MAX_VALUE, Long.MAX_VALUE);
        if (null != refusal)
        {
            return refusal;
        }
        return entitlements.replayBack().isZero() ? null :
            "replay from a sequence: the replay may start at most " + Entitlements.text(entitlements.replayBack()) +
            " back, so give its start as a time (from_time_ns / seek_time_ns)";
    }

    /**
     * The subscription with only its entitled symbols and the entitled rate, or null when nothing is left;
     * the symbols left out are added to {@code refused}.
     */
    private Subscribe entitled(final Subscribe request, final Entitlements entitlements, final List<String> refused)
    {
        final Subscribe.Builder entitled = request.toBuilder();
        if (entitlements.maxUpdatesPerSecond() > 0 &&
            (0 == request.getMaxUpdatesPerSecond() || request.getMaxUpdatesPerSecond() > entitlements.maxUpdatesPerSecond()))
        {
            entitled.setMaxUpdatesPerSecond(entitlements.maxUpdatesPerSecond());
        }
        if (request.getAll())
        {
            if (entitlements.symbols().contains(SymbolPattern.parse("*")))
            {
                return entitled.build();
            }
            entitled.setAll(false).clearSymbols();
            for (final Instrument instrument : instruments.instruments())
            {
                if (RequestAccess.allows(entitlements, instrument))
                {
                    entitled.addSymbols(instrument.getSymbol());
                }
            }
            return entitled.getSymbolsCount() == 0 ? null : entitled.build();
        }
        entitled.clearSymbols();
        for (final String symbol : request.getSymbolsList())
        {
            if (allows(entitlements, symbol))
            {
                entitled.addSymbols(symbol);
            }
            else
            {
                refused.add(symbol);
            }
        }
        return entitled.getSymbolsCount() == 0 ? null : entitled.build();
    }

    private boolean allows(final Entitlements entitlements, final String symbol)
    {
        if (entitlements.allows(symbol, "", ""))
        {
            return true;
        }
        if (entitlements.groups().isEmpty())
        {
            return false;
        }
        final Instrument instrument = instruments.bySymbol(symbol);
        return null != instrument && RequestAccess.allows(entitlements, instrument);
    }

    private static String refusal(final List<String> refused, final AccessToken token)
    {
        if (refused.isEmpty())
        {
            return null;
        }
        return (refused.size() == 1 ? "symbol " : "symbols ") + String.join(", ", refused) + ": not entitled for subject " +
            token.subject() + " (entitled: " + token.entitlements().summary() + ")";
    }
}

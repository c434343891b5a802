package dev.ticker.server.session;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Snapshot;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.proto.v1.SubscriptionAck;
import dev.ticker.proto.v1.Unsubscribe;
import dev.ticker.server.bars.BarIntervals;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.metrics.ServerCounters;
import dev.ticker.server.replay.Replays;
import dev.ticker.server.stream.LiveStream;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What a client asks of its subscription: Subscribe, Unsubscribe and Resume, checked and applied to
 * the session, answered with errors, acks and snapshots. Runs on the fan-out thread, on its
 * live stream's state (replay requests go to its replays); requests are rare next to ticks, so this code may allocate.
 */
public final class SubscriptionRequests
{
    /** The highest max_updates_per_second accepted; faster than the flush window makes no sense. */
    static final int MAX_UPDATES_PER_SECOND = 1_000;

    private final LiveStream live;
    private final Replays replays;
    private final ControlMessages control;
    private final ServerCounters counters;
    private final int maxSymbolsPerConnection;
    private final int maxDeferredRequests;
    private final int maxDeferredBytes;
    private final AheadResumes aheadResumes;

    public SubscriptionRequests(
        final LiveStream live,
        final Replays replays,
        final ControlMessages control,
        final ServerCounters counters,
        final ServerConfiguration configuration)
    {
        this.live = live;
        this.replays = replays;
        this.control = control;
        this.counters = counters;
        this.maxSymbolsPerConnection = configuration.maxSymbolsPerConnection();
        this.maxDeferredRequests = configuration.maxDeferredRequests();
        this.maxDeferredBytes = configuration.maxDeferredBytes();
        // how long a Resume beyond the journal's head waits for the head to reach it (0: not at all)
        this.aheadResumes = new AheadResumes(configuration.resumeAheadWaitMs());
    }

    /** Answers the resumes that waited for the head and now have it, or waited long enough; returns how many. */
    public int doWork(final long nowNs)
    {
        return aheadResumes.isEmpty() ? 0 : aheadResumes.answerDue(nowNs, live.headSequence(), (session, resume) ->
        {
            resume(session, resume);
            if (session.state() == Session.State.LIVE)
            {
                // live at once: what waited behind the resume is answered now (a resume that
                // catches up leaves it waiting until the catch-up is with the socket)
                applyDeferred(session);
            }
        });
    }

    /**
     * Answers, in the order they came, the requests that waited while the session caught up,
     * replayed or waited behind a resume. They are taken off the session first, so a request
     * that makes it wait again leaves those after it waiting too, not applied twice.
     */
    public void applyDeferred(final Session session)
    {
        if (session.deferred.isEmpty())
        {
            return;
        }
        final List<ClientMessage> due = new ArrayList<>(session.deferred);
        session.clearDeferred();
        for (int i = 0; i < due.size() && !session.isClosed(); i++)
        {
            onMessage(session, due.get(i));
        }
    }

    public void onMessage(final Session session, final ClientMessage message)
    {
        if (aheadResumes.isWaiting(session))
        {
            // answered in order once the resume before it is; bounded as every request that waits
            if (message.getBodyCase() != ClientMessage.BodyCase.BODY_NOT_SET)
            {
                defer(session, message);
            }
            return;
        }
        // a request may change what the session gets: it takes the shared frame's ticks with it
        live.leaveSharedFrame(session);
        final ClientMessage.BodyCase body = message.getBodyCase();
        if (session.isReplaying() && body != ClientMessage.BodyCase.REPLAY_START && body != ClientMessage.BodyCase.REPLAY_CONTROL)
        {
            if (body != ClientMessage.BodyCase.BODY_NOT_SET)
            {
                // the live subscription is held aside while the connection replays: changed on going back to live
                defer(session, message);
            }
            return;
        }
        if (session.defersRequests() &&
            message.getBodyCase() != ClientMessage.BodyCase.BODY_NOT_SET && message.getBodyCase() != ClientMessage.BodyCase.RESUME)
        {
            // applied once the session has caught up and its last catch-up frame has been handed
            // to the socket, so that its snapshots match its stream and follow the catch-up
            defer(session, message);
            return;
        }
        switch (message.getBodyCase())
        {
            case SUBSCRIBE -> onSubscribe(session, message.getSubscribe());
            case UNSUBSCRIBE -> onUnsubscribe(session, message.getUnsubscribe());
            case RESUME -> onResume(session, message.getResume());
            case REPLAY_START -> replays.onStart(session, message.getReplayStart());
            case REPLAY_CONTROL -> replays.onControl(session, message.getReplayControl());
            default ->
            {
                // A message type this server does not know: ignored, so that the protocol can grow.
            }
        }
    }

    private void onSubscribe(final Session session, final Subscribe request)
    {
        final List<Instrument> changed = apply(session, request);
        if (null == changed)
        {
            return;
        }
        live.flushForSnapshot(session);
        sendAck(session, request.getRequestId(), live.lastScanned() + 1);
        sendSnapshot(session, changed);
    }

    private void onUnsubscribe(final Session session, final Unsubscribe request)
    {
        final int requestId = request.getRequestId();
        if (request.getAll())
        {
            session.unsubscribeAll();
        }
        else
        {
            final List<Instrument> removed = new ArrayList<>();
            final List<String> unknown = new ArrayList<>();
            live.resolve(request.getSymbolsList(), removed, unknown);
            if (!unknown.isEmpty())
            {
                sendUnknownSymbols(session, unknown, "unsubscribe", requestId, "");
            }
            // from "everything" to "everything but these": the options stay per instrument
            session.all = false;
            for (final Instrument instrument : removed)
            {
                session.unsubscribe(instrument.getId());
            }
        }
        if (!session.hasSubscription())
        {
            session.idleSinceNs = live.nowNs();
        }
        sendAck(session, requestId, live.lastScanned() + 1);
    }

    /**
     * Keeps a request to apply once the session is live again, within maxDeferredRequests and
     * maxDeferredBytes: one more is answered at once with RATE_LIMITED and not applied, so what a
     * connection can make the server hold while it catches up or replays stays bounded.
     */
    private void defer(final Session session, final ClientMessage message)
    {
        final int requestId = requestId(message);
        final int bytes = message.getSerializedSize();
        if (message.hasResume() && message.getResume().getSubscriptionsCount() > maxSymbolsPerConnection)
        {
            control.sendError(session, ErrorCode.ERROR_CODE_TOO_MANY_SYMBOLS, "resume request " + requestId + " restores " +
                message.getResume().getSubscriptionsCount() + " subscriptions, more than maxSymbolsPerConnection=" +
                maxSymbolsPerConnection + "; nothing was applied", requestId);
            return;
        }
        if (session.deferred.size() >= maxDeferredRequests || session.deferredBytes + bytes > maxDeferredBytes)
        {
            counters.onDeferredRefused();
            control.sendError(session, ErrorCode.ERROR_CODE_RATE_LIMITED, "request " + requestId + " (" + message.getBodyCase() +
                ", " + bytes + " bytes) was not applied: " + session.deferred.size() + " requests of " + session.deferredBytes +
                " bytes already wait for this connection to finish catching up or replaying; the limits are maxDeferredRequests=" +
                maxDeferredRequests + " and maxDeferredBytes=" + maxDeferredBytes, requestId);
            return;
        }
        session.deferred.add(message);
        session.deferredBytes += bytes;
    }

    private static int requestId(final ClientMessage message)
    {
        return switch (message.getBodyCase())
        {
            case SUBSCRIBE -> message.getSubscribe().getRequestId();
            case UNSUBSCRIBE -> message.getUnsubscribe().getRequestId();
            case RESUME -> message.getResume().getRequestId();
            case REPLAY_START -> message.getReplayStart().getRequestId();
            case REPLAY_CONTROL -> message.getReplayControl().getRequestId();
            default -> 0;
        };
    }

    private void onResume(final Session session, final Resume request)
    {
        counters.onResumeRequest();
        if (request.getLastSequence() > live.headSequence() && aheadResumes.await(session, request, live.nowNs()))
        {
            // beyond the head: this server's journal may be behind the one the client came from (a fleet's edge)
            return;
        }
        resume(session, request);
    }

    private void resume(final Session session, final Resume request)
    {
        final int requestId = request.getRequestId();
        if (session.hasSubscription() || session.state() != Session.State.LIVE)
        {
            control.sendError(session, ErrorCode.ERROR_CODE_INVALID_REQUEST, "resume request " + requestId +
                ": a resume must be the first subscribing message of a connection; this one is already subscribed", requestId);
            return;
        }
        final List<Instrument> subscribed = new ArrayList<>();
        for (final Subscribe subscription : request.getSubscriptionsList())
        {
            final List<Instrument> changed = apply(session, subscription.toBuilder().setRequestId(requestId).build());
            if (null != changed)
            {
                subscribed.addAll(changed);
                final long effective = subscription.getEffectiveSequence();
                if (effective > request.getLastSequence() + 1)
                {
                    // the client's snapshot of these holds everything before their effective sequence
                    if (subscription.getAll())
                    {
                        session.deliverAllFrom(effective);
                    }
                    for (final Instrument instrument : changed)
                    {
                        session.deliverFrom(instrument.getId(), effective);
                    }
                }
            }
        }
        if (!session.hasSubscription())
        {
            control.sendError(session, ErrorCode.ERROR_CODE_INVALID_REQUEST, "resume request " + requestId +
                " restores no subscription: name the symbols (or all) it had", requestId);
            return;
        }

        final long lastSequence = request.getLastSequence();
        final long first = live.firstSequence();
        final long head = live.headSequence();
        if (lastSequence + 1 < first || lastSequence > head)
        {
            control.sendError(session, ErrorCode.ERROR_CODE_RESUME_UNAVAILABLE, "resume request " + requestId +
                " from sequence " + lastSequence + ": the journal holds sequences " + first + " to " + head +
                (lastSequence > head ? ", and nothing after the head" : ", and no longer the next one") +
                "; a fresh snapshot follows", requestId, first);
            session.endResumeFilter();
            live.flushForSnapshot(session);
            sendAck(session, requestId, live.lastScanned() + 1);
            sendSnapshot(session, subscribed);
            return;
        }
        sendAck(session, requestId, lastSequence + 1);
        live.startCatchUp(session, lastSequence);
    }

    /**
     * Applies a Subscribe to the session.
     *
     * @return the instruments it subscribed or gave new bar intervals (for the snapshot), or null
     *         when it was refused with an error.
     */
    List<Instrument> apply(final Session session, final Subscribe request)
    {
        final int requestId = request.getRequestId();
        if (!request.getAll() && request.getSymbolsCount() == 0)
        {
            control.sendError(session, ErrorCode.ERROR_CODE_INVALID_REQUEST,
                "subscribe request " + requestId + " names no symbols and does not set all", requestId);
            return null;
        }
        final int barMask = BarIntervals.mask(request.getBarIntervalsList());
        if (barMask < 0)
        {
            final int position = -1 - barMask;
            control.sendError(session, ErrorCode.ERROR_CODE_INVALID_REQUEST, "subscribe request " + requestId +
                ": bar_intervals[" + position + "] = " + request.getBarIntervalsValue(position) +
                " is not an interval the server builds (" + BarIntervals.names() + "); nothing of the request was subscribed", requestId);
            return null;
        }
        final int rate = request.getMaxUpdatesPerSecond();
        if (rate > MAX_UPDATES_PER_SECOND)
        {
            control.sendError(session, ErrorCode.ERROR_CODE_INVALID_REQUEST, "subscribe request " + requestId +
                ": max_updates_per_second = " + Integer.toUnsignedString(rate) + " is over " + MAX_UPDATES_PER_SECOND +
                " (0 means every tick); nothing of the request was subscribed", requestId);
            return null;
        }

        final List<Instrument> named = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        if (request.getAll())
        {
            named.addAll(live.catalog().instruments());
        }
        else
        {
            live.resolve(request.getSymbolsList(), named, unknown);
            int added = 0;
            for (final Instrument instrument : named)
            {
                added += session.wants(instrument.getId()) ? 0 : 1;
            }
            if (session.symbolCount + added > maxSymbolsPerConnection)
            {
                control.sendError(session, ErrorCode.ERROR_CODE_TOO_MANY_SYMBOLS, "subscribe request " + requestId +
                    " would raise this connection's symbols from " + session.symbolCount + " to " +
                    (session.symbolCount + added) + ", over the limit of " + maxSymbolsPerConnection +
                    "; nothing of the request was subscribed", requestId);
                return null;
            }
        }
        if (!unknown.isEmpty())
        {
            sendUnknownSymbols(session, unknown, "subscribe", requestId, named.isEmpty() ? "" : "; the known symbols were subscribed");
        }
        if (request.getAll())
        {
            session.all = true;
            session.allRate = rate;
            session.allBarMask = barMask;
        }
        final List<Instrument> changed = new ArrayList<>();
        for (final Instrument instrument : named)
        {
            final int id = instrument.getId();
            final boolean was = id < session.instruments.length && session.instruments[id];
            final int oldMask = session.barMask(id);
            session.subscribe(id, rate, barMask);
            if (!was || (barMask & ~oldMask) != 0)
            {
                changed.add(instrument);
            }
        }
        if (session.hasSubscription())
        {
            session.idleSinceNs = Session.NONE;
        }
        return changed;
    }

    void sendAck(final Session session, final int requestId, final long effectiveSequence)
    {
        final InstrumentCatalog catalog = live.catalog();
        final SubscriptionAck.Builder ack = SubscriptionAck.newBuilder()
            .setRequestId(requestId)
            .setAll(session.all)
            .setEffectiveSequence(effectiveSequence);
        if (!session.all)
        {
            for (int id = 0; id < session.instruments.length; id++)
            {
                final Instrument instrument = catalog.byId(id);
                if (session.instruments[id] && null != instrument)
                {
                    ack.addSymbols(instrument.getSymbol());
                }
            }
        }
        control.send(session, ServerMessage.newBuilder().setSubscribed(ack).build());
    }

    /** The state of {@code instruments} as of the last record read, which is where the stream goes on. */
    void sendSnapshot(final Session session, final List<Instrument> instruments)
    {
        final Snapshot.Builder snapshot = Snapshot.newBuilder().setAsOfSequence(live.lastScanned()).setComplete(true);
        for (final Instrument instrument : instruments)
        {
            snapshot.addInstruments(live.snapshot(instrument, session.barMask(instrument.getId())));
        }
        control.send(session, ServerMessage.newBuilder().setSnapshot(snapshot).build());
    }

    private void sendUnknownSymbols(
        final Session session, final List<String> unknown, final String request, final int requestId, final String outcome)
    {
        control.sendError(session, ErrorCode.ERROR_CODE_UNKNOWN_SYMBOL, "unknown symbol" + (unknown.size() > 1 ? "s " : " ") +
            String.join(", ", unknown) + " in " + request + " request " + requestId +
            ": not in the journal's instrument catalogue" + outcome, requestId);
    }
}

package dev.ticker.server;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.Error;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.Heartbeat;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Snapshot;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.proto.v1.SubscriptionAck;
import dev.ticker.proto.v1.Unsubscribe;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one thread that tails the journal and owns every session's subscription state. Each duty
 * cycle it applies the commands the IO threads queued, reads a bounded batch of journal records
 * into the batches of the sessions that want them, and, once per flush window, hands each session
 * at most one data frame; heartbeats go out on their own interval. Nothing on the per-tick path
 * allocates, blocks or logs.
 */
final class StreamAgent implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(StreamAgent.class);
    private static final int COMMAND_LIMIT = 256;
    private static final long CATALOG_RELOAD_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    /** Close reasons are limited to 123 bytes by RFC 6455. */
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final ServerConfiguration configuration;
    private final TickJournal journal;
    private TickTailer tailer;
    private final ManyToOneConcurrentArrayQueue<SessionCommand> commands;
    private final ServerCounters counters;
    private final NanoClock clock;
    private final EpochNanoClock epochClock;
    private final Consumer<SessionCommand> onCommand = this::onCommand;
    private final ArrayList<Session> sessions = new ArrayList<>();
    private final InstrumentBook book = new InstrumentBook();
    private final Tick tick = new Tick();
    private final long flushIntervalNs;
    private final long heartbeatIntervalNs;

    private InstrumentCatalog catalog;
    private long lastScanned;
    private long headSequence;
    private long nowNs;
    private long nextFlushNs;
    private long nextHeartbeatNs;
    private long nextCatalogReloadNs;

    StreamAgent(
        final ServerConfiguration configuration,
        final TickJournal journal,
        final ManyToOneConcurrentArrayQueue<SessionCommand> commands,
        final ServerCounters counters,
        final NanoClock clock,
        final EpochNanoClock epochClock)
    {
        this.configuration = configuration;
        this.journal = journal;
        this.commands = commands;
        this.counters = counters;
        this.clock = clock;
        this.epochClock = epochClock;
        this.flushIntervalNs = TimeUnit.MILLISECONDS.toNanos(configuration.flushIntervalMs());
        this.heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(configuration.heartbeatIntervalMs());
        this.catalog = journal.instruments();
    }

    @Override
    public void onStart()
    {
        // A Chronicle tailer belongs to the thread that made it: this one.
        tailer = journal.tailer();
        // Live service starts after the head of the journal. Positioning by sequence, not with
        // toEnd(), so that a record appended meanwhile is not skipped.
        lastScanned = tailer.lastSequence();
        if (!tailer.moveToSequence(lastScanned + 1))
        {
            throw new IllegalStateException("journal " + journal.directory() + " cannot be positioned after its head " + lastScanned);
        }
        headSequence = lastScanned;
        counters.scannedSequence(lastScanned);
        counters.headSequence(headSequence);
        counters.dutyCycle(epochClock.nanoTime());
    }

    @Override
    public int doWork()
    {
        nowNs = clock.nanoTime();
        int work = commands.drain(onCommand, COMMAND_LIMIT);
        work += readJournal();
        if (nowNs - nextFlushNs >= 0)
        {
            work += flush();
            nextFlushNs = nowNs + flushIntervalNs;
        }
        if (nowNs - nextHeartbeatNs >= 0)
        {
            work += heartbeat();
            nextHeartbeatNs = nowNs + heartbeatIntervalNs;
        }
        counters.dutyCycle(epochClock.nanoTime());
        return work;
    }

    private int readJournal()
    {
        final int limit = configuration.readBatchLimit();
        int read = 0;
        while (read < limit && tailer.readNext(tick))
        {
            read++;
            if (tick.sequence != lastScanned + 1 && lastScanned != TickDescriptor.NO_SEQUENCE)
            {
                counters.onJournalGap();
            }
            if (tick.instrumentId >= catalog.size())
            {
                onNewInstruments(tick.sequence - 1);
            }
            lastScanned = tick.sequence;
            book.onTick(tick);
            final ArrayList<Session> sessions = this.sessions;
            for (int i = 0, n = sessions.size(); i < n; i++)
            {
                final Session session = sessions.get(i);
                if (!session.closed && session.wants(tick.instrumentId) && !session.batch().add(tick))
                {
                    onSlowConsumer(session);
                }
            }
        }
        if (read > 0)
        {
            counters.onTicksIn(read);
            counters.scannedSequence(lastScanned);
            if (lastScanned > headSequence)
            {
                headSequence = lastScanned;
                counters.headSequence(headSequence);
            }
            removeClosedSessions();
        }
        return read;
    }

    private int flush()
    {
        int frames = 0;
        final ArrayList<Session> sessions = this.sessions;
        for (int i = 0, n = sessions.size(); i < n; i++)
        {
            final Session session = sessions.get(i);
            final BatchEncoder batch = session.batch();
            if (session.closed || batch.tickCount() == 0 || session.isSending())
            {
                continue;
            }
            counters.onFrameOut(batch.tickCount(), batch.length());
            WebSockets.sendBinary(session.swapForSend(lastScanned), session.channel, session);
            frames++;
        }
        return frames;
    }

    private int heartbeat()
    {
        headSequence = Math.max(headSequence, tailer.lastSequence());
        counters.headSequence(headSequence);
        final long serverTimeNs = epochClock.nanoTime();
        final ArrayList<Session> sessions = this.sessions;
        for (int i = 0, n = sessions.size(); i < n; i++)
        {
            final Session session = sessions.get(i);
            if (session.closed)
            {
                continue;
            }
            if (session.batch().tickCount() == 0)
            {
                // Nothing for this client is waiting: the records scanned so far held none of its
                // ticks, so the heartbeat itself covers them.
                session.rangeStart = lastScanned + 1;
            }
            send(session, ServerMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                .setServerTimeNs(serverTimeNs)
                .setHeadSequence(headSequence)
                .setScannedSequence(session.rangeStart - 1)).build());
        }
        return sessions.size();
    }

    private void onCommand(final SessionCommand command)
    {
        final Session session = command.session();
        if (command instanceof SessionCommand.Opened)
        {
            session.rangeStart = lastScanned + 1;
            sessions.add(session);
            counters.sessions(sessions.size());
        }
        else if (session.closed)
        {
            return;
        }
        else if (command instanceof SessionCommand.Received received)
        {
            onMessage(session, received.message());
        }
        else if (command instanceof SessionCommand.Violation violation)
        {
            closeWithError(session, violation.code(), violation.closeCode(), violation.text(), 0);
        }
        else if (command instanceof SessionCommand.Closed)
        {
            session.closed = true;
        }
        if (session.closed)
        {
            removeClosedSessions();
        }
    }

    private void onMessage(final Session session, final ClientMessage message)
    {
        switch (message.getBodyCase())
        {
            case SUBSCRIBE -> onSubscribe(session, message.getSubscribe());
            case UNSUBSCRIBE -> onUnsubscribe(session, message.getUnsubscribe());
            default ->
            {
                // A message type this server does not know: ignored, so that the protocol can grow.
            }
        }
    }

    private void onSubscribe(final Session session, final Subscribe request)
    {
        final int requestId = request.getRequestId();
        if (!request.getAll() && request.getSymbolsCount() == 0)
        {
            sendError(session, ErrorCode.ERROR_CODE_INVALID_REQUEST,
                "subscribe request " + requestId + " names no symbols and does not set all", requestId);
            return;
        }

        final List<Instrument> added = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        if (request.getAll())
        {
            for (final Instrument instrument : catalog.instruments())
            {
                if (!session.wants(instrument.getId()))
                {
                    added.add(instrument);
                }
            }
        }
        else
        {
            resolve(request.getSymbolsList(), added, unknown);
            added.removeIf(instrument -> session.wants(instrument.getId()));
            final int limit = configuration.maxSymbolsPerConnection();
            if (session.symbolCount + added.size() > limit)
            {
                sendError(session, ErrorCode.ERROR_CODE_TOO_MANY_SYMBOLS, "subscribe request " + requestId +
                    " would raise this connection's symbols from " + session.symbolCount + " to " +
                    (session.symbolCount + added.size()) + ", over the limit of " + limit +
                    "; nothing of the request was subscribed", requestId);
                return;
            }
        }

        if (!unknown.isEmpty())
        {
            sendUnknownSymbols(session, unknown, "subscribe", requestId,
                added.isEmpty() ? "" : "; the known symbols were subscribed");
        }
        if (request.getAll())
        {
            session.all = true;
        }
        for (final Instrument instrument : added)
        {
            session.subscribe(instrument.getId());
        }
        sendAck(session, requestId);

        final Snapshot.Builder snapshot = Snapshot.newBuilder().setAsOfSequence(lastScanned).setComplete(true);
        for (final Instrument instrument : added)
        {
            snapshot.addInstruments(book.snapshot(instrument));
        }
        send(session, ServerMessage.newBuilder().setSnapshot(snapshot).build());
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
            resolve(request.getSymbolsList(), removed, unknown);
            if (!unknown.isEmpty())
            {
                sendUnknownSymbols(session, unknown, "unsubscribe", requestId, "");
            }
            if (session.all)
            {
                // From "everything" to "everything but these".
                session.all = false;
                for (final Instrument instrument : catalog.instruments())
                {
                    session.subscribe(instrument.getId());
                }
            }
            for (final Instrument instrument : removed)
            {
                session.unsubscribe(instrument.getId());
            }
        }
        sendAck(session, requestId);
    }

    /** Splits {@code symbols} into known instruments, each once, and unknown symbols. */
    private void resolve(final List<String> symbols, final List<Instrument> known, final List<String> unknown)
    {
        final BitSet seen = new BitSet(catalog.size());
        for (final String symbol : symbols)
        {
            Instrument instrument = catalog.bySymbol(symbol);
            if (null == instrument && onNewInstruments(lastScanned))
            {
                instrument = catalog.bySymbol(symbol);
            }
            if (null == instrument)
            {
                unknown.add(symbol.length() > 32 ? symbol.substring(0, 32) + "…" : symbol);
            }
            else if (!seen.get(instrument.getId()))
            {
                seen.set(instrument.getId());
                known.add(instrument);
            }
        }
    }

    /**
     * Reloads the catalogue when a record or a request names an instrument it does not have (the
     * writer may have added some). Sessions subscribed to everything get a snapshot of the new
     * instruments as of {@code asOfSequence}.
     *
     * @return whether the catalogue grew.
     */
    private boolean onNewInstruments(final long asOfSequence)
    {
        final int before = catalog.size();
        if (!reloadCatalog())
        {
            return false;
        }
        final Snapshot.Builder snapshot = Snapshot.newBuilder().setAsOfSequence(asOfSequence).setComplete(true);
        for (int id = before; id < catalog.size(); id++)
        {
            snapshot.addInstruments(book.snapshot(catalog.byId(id)));
        }
        final ServerMessage message = ServerMessage.newBuilder().setSnapshot(snapshot).build();
        for (final Session session : sessions)
        {
            if (session.all && !session.closed)
            {
                send(session, message);
            }
        }
        return true;
    }

    private void sendAck(final Session session, final int requestId)
    {
        final SubscriptionAck.Builder ack = SubscriptionAck.newBuilder()
            .setRequestId(requestId)
            .setAll(session.all)
            .setEffectiveSequence(lastScanned + 1);
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
        send(session, ServerMessage.newBuilder().setSubscribed(ack).build());
    }

    private void onSlowConsumer(final Session session)
    {
        counters.onSlowConsumerClose();
        closeWithError(session, ErrorCode.ERROR_CODE_SLOW_CONSUMER, CloseMessage.MSG_VIOLATES_POLICY,
            "the connection fell behind: " + configuration.maxSessionBufferBytes() +
            " bytes of data were waiting for it; resume from sequence " + session.rangeStart,
            session.rangeStart);
    }

    private void sendUnknownSymbols(
        final Session session, final List<String> unknown, final String request, final int requestId, final String outcome)
    {
        sendError(session, ErrorCode.ERROR_CODE_UNKNOWN_SYMBOL, "unknown symbol" + (unknown.size() > 1 ? "s " : " ") +
            String.join(", ", unknown) + " in " + request + " request " + requestId +
            ": not in the journal's instrument catalogue" + outcome, requestId);
    }

    private void sendError(final Session session, final ErrorCode code, final String text, final int requestId)
    {
        counters.onError(code);
        send(session, ServerMessage.newBuilder()
            .setError(Error.newBuilder().setCode(code).setMessage(text).setRequestId(requestId))
            .build());
    }

    private void closeWithError(
        final Session session, final ErrorCode code, final int closeCode, final String text, final long resumeSequence)
    {
        counters.onError(code);
        LOG.info("{}: closing with {}: {}", session, closeCode, text);
        send(session, ServerMessage.newBuilder()
            .setError(Error.newBuilder().setCode(code).setMessage(text).setResumeSequence(resumeSequence))
            .build());
        WebSockets.sendClose(closeCode, closeReason(text), session.channel, CLOSE_AFTER_SEND);
        session.closed = true;
    }

    private void send(final Session session, final ServerMessage message)
    {
        WebSockets.sendBinary(ByteBuffer.wrap(message.toByteArray()), session.channel, null);
    }

    private boolean reloadCatalog()
    {
        if (nowNs - nextCatalogReloadNs < 0)
        {
            return false;
        }
        nextCatalogReloadNs = nowNs + CATALOG_RELOAD_INTERVAL_NS;
        final int before = catalog.size();
        catalog = journal.instruments();
        return catalog.size() != before;
    }

    private void removeClosedSessions()
    {
        final ArrayList<Session> sessions = this.sessions;
        boolean removed = false;
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            if (sessions.get(i).closed)
            {
                final int last = sessions.size() - 1;
                sessions.set(i, sessions.get(last));
                sessions.remove(last);
                removed = true;
            }
        }
        if (removed)
        {
            counters.sessions(sessions.size());
        }
    }

    static String closeReason(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_CLOSE_REASON_BYTES)
        {
            return text;
        }
        int end = Math.min(text.length(), MAX_CLOSE_REASON_BYTES - 3);
        while (text.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES - 3)
        {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    @Override
    public void onClose()
    {
        for (final Session session : sessions)
        {
            IoUtils.safeClose(session.channel);
        }
        sessions.clear();
        if (null != tailer)
        {
            tailer.close();
        }
    }

    @Override
    public String roleName()
    {
        return "stream-agent";
    }

    private static final WebSocketCallback<Void> CLOSE_AFTER_SEND = new WebSocketCallback<>()
    {
        @Override
        public void complete(final WebSocketChannel channel, final Void context)
        {
            // the peer answers the close frame; Undertow then closes the connection
        }

        @Override
        public void onError(final WebSocketChannel channel, final Void context, final Throwable throwable)
        {
            IoUtils.safeClose(channel);
        }
    };
}

package dev.ticker.server.ws;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.RefreshToken;
import dev.ticker.proto.v1.ReplayAction;
import dev.ticker.proto.v1.ReplayControl;
import dev.ticker.proto.v1.ReplayStart;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.server.security.AccessToken;
import dev.ticker.server.security.Entitlements;
import dev.ticker.server.security.InstrumentDirectory;
import dev.ticker.server.security.RequestEntitlements;
import dev.ticker.server.security.SymbolPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded random mutator over the inbound path a client's bytes take: the frame reader, the
 * ClientMessage decoder, and the entitlement check. Valid client streams are mutated (bits flipped,
 * bytes overwritten, inserted, dropped, lengths set to extremes, streams cut short) and fed in random
 * splits; whatever the bytes, the reader must end in a message, a refusal or a wait for more, the
 * decoder must parse or refuse with its own exception, and no symbol that is not entitled may come
 * out of the check. Bounded in cases and time, and the same cases every run (seeded).
 */
@Timeout(60)
class InboundDecoderFuzzTest
{
    private static final long SEED = 20_261_204L;
    private static final int CASES = 20_000;
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final AccessToken TOKEN = new AccessToken("fuzz", Long.MAX_VALUE, new Entitlements(
        List.of(SymbolPattern.parse("A*"), SymbolPattern.parse("*.DE")), List.of("sector:Energy"), true, Duration.ofDays(7), 10, 0));
    private static final RequestEntitlements CHECK = new RequestEntitlements(new InstrumentDirectory(() -> InstrumentCatalog.empty()
        .merge(List.of(instrument("AAA", "Tech"), instrument("BBB", "Energy"), instrument("SAP.DE", "Tech"), instrument("ZZZ", "Tech"))),
        60_000));

    @Test
    void shouldDecodeOrRefuseEveryMutatedStreamAndNeverLetANotEntitledSymbolThrough()
    {
        final Random random = new Random(SEED);
        final List<byte[]> payloads = seedPayloads();
        int messages = 0;
        int refusals = 0;
        for (int i = 0; i < CASES; i++)
        {
            final byte[] payload = payloads.get(random.nextInt(payloads.size()));
            // half the cases break the message inside valid frames, half break the frames themselves
            final byte[] stream = random.nextBoolean() ? frames(mutate(payload, random), random) : mutate(frames(payload, random), random);
            final Outcome outcome = new Outcome();
            final FrameReader reader = new FrameReader(outcome, MAX_MESSAGE_BYTES);
            try
            {
                feedInRandomSplits(reader, stream, random);
            }
            catch (final RuntimeException ex)
            {
                fail("case " + i + ": the frame reader threw on " + stream.length + " bytes", ex);
            }
            assertTrue(!reader.isDone() || outcome.refused || outcome.closed, "case " + i + ": done without a reason");
            for (final byte[] received : outcome.payloads)
            {
                final ClientMessage message;
                try
                {
                    message = ClientMessage.parseFrom(received);
                }
                catch (final InvalidProtocolBufferException ex)
                {
                    refusals++;
                    continue;
                }
                messages++;
                assertOnlyEntitledSymbols(i, CHECK.check(message, TOKEN, System.currentTimeMillis() * 1_000_000L).message());
            }
        }
        // the mutator must reach both sides of the decoder, or it tests nothing
        assertTrue(messages > CASES / 20, "messages decoded: " + messages);
        assertTrue(refusals > CASES / 100, "messages refused: " + refusals);
    }

    @Test
    void shouldMutateTheSameWayForTheSameSeed()
    {
        final byte[] first = mutate(frames(seedPayloads().get(0), new Random(SEED)), new Random(SEED));
        final byte[] second = mutate(frames(seedPayloads().get(0), new Random(SEED)), new Random(SEED));

        assertEquals(ByteBuffer.wrap(first), ByteBuffer.wrap(second));
    }

    private static void assertOnlyEntitledSymbols(final int caseNumber, final ClientMessage message)
    {
        if (null == message)
        {
            return;
        }
        final List<String> symbols = new ArrayList<>();
        switch (message.getBodyCase())
        {
            case SUBSCRIBE ->
            {
                symbols.addAll(message.getSubscribe().getSymbolsList());
                assertTrue(!message.getSubscribe().getAll(), "case " + caseNumber + ": all passed for a restricted token");
                assertTrue(message.getSubscribe().getMaxUpdatesPerSecond() <= 10 && message.getSubscribe().getMaxUpdatesPerSecond() > 0,
                    "case " + caseNumber + ": rate not capped");
            }
            case RESUME -> message.getResume().getSubscriptionsList().forEach(s ->
            {
                symbols.addAll(s.getSymbolsList());
                assertTrue(!s.getAll(), "case " + caseNumber + ": all passed in a resume");
            });
            case REPLAY_START ->
            {
                symbols.addAll(message.getReplayStart().getSymbolsList());
                assertTrue(!message.getReplayStart().getAll(), "case " + caseNumber + ": all passed in a replay");
                assertTrue(message.getReplayStart().hasFromTimeNs(), "case " + caseNumber + ": a sequence start passed a time limit");
            }
            default ->
            {
            }
        }
        for (final String symbol : symbols)
        {
            assertTrue(symbol.startsWith("A") || symbol.endsWith(".DE") || symbol.equals("BBB"),
                "case " + caseNumber + ": " + symbol + " is not entitled");
        }
    }

    private static List<byte[]> seedPayloads()
    {
        final long now = System.currentTimeMillis() * 1_000_000L;
        final List<ClientMessage> messages = List.of(
            ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(1).addSymbols("AAA").addSymbols("ZZZ")
                .addSymbols("SAP.DE").addSymbols("BBB").setMaxUpdatesPerSecond(100)).build(),
            ClientMessage.newBuilder().setSubscribe(Subscribe.newBuilder().setRequestId(2).setAll(true)).build(),
            ClientMessage.newBuilder().setResume(Resume.newBuilder().setRequestId(3).setLastSequence(42)
                .addSubscriptions(Subscribe.newBuilder().addSymbols("ZZZ").addSymbols("AAA"))).build(),
            ClientMessage.newBuilder().setReplayStart(ReplayStart.newBuilder().setRequestId(4).setFromTimeNs(now - 1_000_000_000L)
                .addSymbols("ZZZ").addSymbols("AAA").setSpeed(2)).build(),
            ClientMessage.newBuilder().setReplayStart(ReplayStart.newBuilder().setRequestId(5).setFromSequence(1).setAll(true)).build(),
            ClientMessage.newBuilder().setReplayControl(ReplayControl.newBuilder().setRequestId(6).setAction(ReplayAction.REPLAY_ACTION_SEEK)
                .setSeekTimeNs(1)).build(),
            ClientMessage.newBuilder().setRefreshToken(RefreshToken.newBuilder().setRequestId(7).setToken("a.b.c")).build());
        return messages.stream().map(ClientMessage::toByteArray).toList();
    }

    /** The payload as one masked binary frame, or two fragments with a ping between them; masks from {@code random}. */
    private static byte[] frames(final byte[] payload, final Random random)
    {
        if (random.nextBoolean())
        {
            return RawFrames.masked(0x82, payload, random);
        }
        final int cut = payload.length / 2;
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(RawFrames.masked(0x02, slice(payload, 0, cut), random));
        stream.writeBytes(RawFrames.masked(0x89, new byte[]{1}, random));
        stream.writeBytes(RawFrames.masked(0x80, slice(payload, cut, payload.length - cut), random));
        return stream.toByteArray();
    }

    /** One to four mutations of a copy of the bytes. */
    private static byte[] mutate(final byte[] seed, final Random random)
    {
        final Random choice = random;
        byte[] bytes = seed.clone();
        final int mutations = 1 + choice.nextInt(4);
        for (int m = 0; m < mutations && bytes.length > 0; m++)
        {
            final int at = random.nextInt(bytes.length);
            switch (choice.nextInt(7))
            {
                case 0 -> bytes[at] ^= (byte)(1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte)random.nextInt(256);
                case 2 ->
                {
                    final byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte)random.nextInt(256);
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                case 3 ->
                {
                    final byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
                case 4 -> bytes[Math.min(1, bytes.length - 1)] = (byte)(0x80 | (random.nextBoolean() ? 127 : 126));
                case 5 -> bytes = slice(bytes, 0, at);
                default -> bytes[at] = random.nextBoolean() ? (byte)0xff : 0;
            }
        }
        return bytes;
    }

    private static void feedInRandomSplits(final FrameReader reader, final byte[] stream, final Random random)
    {
        int at = 0;
        while (at < stream.length && !reader.isDone())
        {
            final int length = Math.min(stream.length - at, 1 + random.nextInt(16));
            reader.onData(ByteBuffer.wrap(stream, at, length).slice());
            at += length;
        }
    }

    private static byte[] slice(final byte[] bytes, final int from, final int length)
    {
        final byte[] slice = new byte[length];
        System.arraycopy(bytes, from, slice, 0, length);
        return slice;
    }

    private static Instrument instrument(final String symbol, final String sector)
    {
        return Instrument.newBuilder().setSymbol(symbol).setSector(sector).setCurrency("USD").setTimeZone("UTC").build();
    }

    /** What the reader made of a stream. */
    private static final class Outcome implements FrameReader.Handler
    {
        final List<byte[]> payloads = new ArrayList<>();
        boolean refused;
        boolean closed;

        @Override
        public void onBinary(final ByteBuffer payload)
        {
            final byte[] bytes = new byte[payload.remaining()];
            payload.duplicate().get(bytes);
            payloads.add(bytes);
        }

        @Override
        public void onText()
        {
        }

        @Override
        public void onPing(final ByteBuffer payload)
        {
        }

        @Override
        public void onPong()
        {
        }

        @Override
        public void onClose(final int code, final String reason)
        {
            closed = true;
        }

        @Override
        public void onTooLarge(final long bytesSoFar)
        {
            refused = true;
        }

        @Override
        public void onProtocolError(final int closeCode, final String why)
        {
            refused = true;
        }
    }
}

package dev.ticker.server.stream;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Side;
import dev.ticker.proto.v1.StatusChange;
import dev.ticker.proto.v1.Trade;
import dev.ticker.proto.v1.TradingStatus;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchEncoderTest
{
    @Test
    void shouldEncodeTheSameBytesAsTheGeneratedCode()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final BatchEncoder encoder = new BatchEncoder(256, 1 << 20); // small start: exercises growth
        final DataBatch.Builder expected = DataBatch.newBuilder().setFirstSequence(1_000).setLastSequence(5_000);
        final Tick tick = new Tick();
        for (int i = 0; i < 2_000; i++)
        {
            // include zeros and extreme values, which proto3 leaves out or encodes in 10 bytes
            final int instrument = random.nextInt(4);
            final long price = random.nextInt(10) == 0 ? 0 : random.nextLong(Long.MAX_VALUE);
            final long size = random.nextInt(10) == 0 ? -1 : random.nextLong(1_000_000);
            tick.sequence = 1_000 + i;
            final int kind = random.nextInt(5);
            if (kind == 0)
            {
                final byte status = (byte)random.nextInt(4);
                tick.status(1_763_650_000_000_000_000L + i, instrument, status);
                expected.addTicksBuilder().setStatus(StatusChange.newBuilder()
                    .setInstrumentId(instrument).setSequence(tick.sequence).setEventTimeNs(tick.eventTimeNs)
                    .setStatus(TradingStatus.forNumber(status)));
            }
            else if (kind <= 2)
            {
                final byte side = (byte)random.nextInt(3);
                tick.trade(1_763_650_000_000_000_000L + i, instrument, price, size, side);
                expected.addTicksBuilder().setTrade(Trade.newBuilder()
                    .setInstrumentId(instrument).setSequence(tick.sequence).setEventTimeNs(tick.eventTimeNs)
                    .setPrice(price).setSize(size).setAggressor(Side.forNumber(side)));
            }
            else
            {
                tick.quote(1_763_650_000_000_000_000L + i, instrument, price, size, price + 1, 0);
                expected.addTicksBuilder().setQuote(Quote.newBuilder()
                    .setInstrumentId(instrument).setSequence(tick.sequence).setEventTimeNs(tick.eventTimeNs)
                    .setBidPrice(price).setBidSize(size).setAskPrice(price + 1).setAskSize(0));
            }
            assertTrue(encoder.add(tick));
        }

        final ByteBuffer frame = encoder.frame(1_000, 5_000);
        final byte[] actual = new byte[frame.remaining()];
        frame.get(actual);
        assertArrayEquals(ServerMessage.newBuilder().setData(expected).build().toByteArray(), actual);
        assertEquals(2_000, encoder.tickCount());
    }

    @Test
    void shouldRefuseATickPastTheLimitAndStayUsable() throws Exception
    {
        final BatchEncoder encoder = new BatchEncoder(256, 1024);
        final Tick tick = new Tick().trade(1, 1, 100, 1, TickDescriptor.SIDE_SELL);
        int added = 0;
        while (encoder.add(tick))
        {
            added++;
            tick.sequence = added;
        }
        assertTrue(added > 10);
        assertTrue(encoder.length() <= 1024 - BatchEncoder.HEADER_RESERVE);

        final ServerMessage full = ServerMessage.parseFrom(encoder.frame(1, added));
        assertEquals(added, full.getData().getTicksCount());

        encoder.reset();
        assertEquals(0, encoder.tickCount());
        assertTrue(encoder.add(tick));
        final ServerMessage one = ServerMessage.parseFrom(encoder.frame(7, 7));
        assertEquals(1, one.getData().getTicksCount());
        assertEquals(7, one.getData().getFirstSequence());
        assertFalse(one.getData().getTicks(0).hasQuote());
    }
}

package dev.ticker.server.config;

import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerConfigurationTest
{
    @Test
    void shouldAcceptTheDefaults()
    {
        assertDoesNotThrow(() -> new ServerConfiguration().validate());
    }

    @Test
    void shouldNameEachLimitThatIsOutOfRange()
    {
        assertRejected(c -> c.maxConnections(0), "maxConnections=0: must be from 1 to 1000000");
        assertRejected(c -> c.maxConnectionsPerAddress(0), "maxConnectionsPerAddress=0: must be from 1 to 1000000");
        assertRejected(c -> c.maxControlMessagesPerSecond(0), "maxControlMessagesPerSecond=0: must be from 1 to 1000000");
        assertRejected(c -> c.controlMessageBurst(-1), "controlMessageBurst=-1: must be from 1 to 1000000");
        assertRejected(c -> c.maxInboundMessageBytes(10), "maxInboundMessageBytes=10: must be from 64 to 16777216");
        assertRejected(c -> c.maxHealthyStallMs(0), "maxHealthyStallMs=0: must be from 10 to 600000");
        assertRejected(c -> c.pingIntervalMs(5), "pingIntervalMs=5: must be from 10 to 3600000");
        assertRejected(c -> c.maxReplays(-1), "maxReplays=-1: must be from 0 to 100000");
        assertRejected(c -> c.replayBatchLimit(0), "replayBatchLimit=0: must be from 1 to 10000000");
    }

    @Test
    void shouldRequireThePingTimeoutToOutlastThePingInterval()
    {
        assertRejected(c -> c.pingIntervalMs(1_000).pingTimeoutMs(1_000), "pingTimeoutMs=1000: must be longer than pingIntervalMs=1000");
        assertDoesNotThrow(() -> new ServerConfiguration().pingIntervalMs(1_000).pingTimeoutMs(1_001).validate());
    }

    @Test
    void shouldTurnPingsOffWithAZeroInterval()
    {
        assertDoesNotThrow(() -> new ServerConfiguration().pingIntervalMs(0).pingTimeoutMs(0).validate());
    }

    private static void assertRejected(final UnaryOperator<ServerConfiguration> setting, final String message)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> setting.apply(new ServerConfiguration()).validate());
        assertEquals(message, ex.getMessage());
    }
}

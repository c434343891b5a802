package dev.ticker.server.config;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerSettingsTest
{
    @Test
    void shouldStartEveryConfigurationAtTheDescribedDefaults()
    {
        final ServerConfiguration configuration = new ServerConfiguration();
        for (final Setting<?> setting : ServerSettings.ALL)
        {
            assertTrue(Objects.deepEquals(setting.defaultValue(), setting.read().apply(configuration)), setting.key());
        }
    }

    @Test
    void shouldDescribeEveryFieldOfTheConfiguration()
    {
        final Set<String> fields = new TreeSet<>();
        for (final Field field : ServerConfiguration.class.getDeclaredFields())
        {
            if (!Modifier.isStatic(field.getModifiers()))
            {
                fields.add(field.getName());
            }
        }
        final Set<String> keys = new TreeSet<>();
        ServerSettings.ALL.forEach(setting -> keys.add(setting.key()));
        assertEquals(fields, keys, "a setting of ServerConfiguration needs its entry in ServerSettings.ALL");
    }

    @Test
    void shouldRejectEveryNumberJustOutsideItsRangeNamingTheSetting()
    {
        int checked = 0;
        for (final Setting<?> setting : ServerSettings.ALL)
        {
            if (!setting.isNumeric())
            {
                continue;
            }
            assertRejectedOutOfRange(setting, setting.min() - 1);
            checked++;
            final long typeMax = setting.type() == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
            if (setting.max() < typeMax)
            {
                assertRejectedOutOfRange(setting, setting.max() + 1);
            }
        }
        assertEquals(ServerSettings.ALL.stream().filter(Setting::isNumeric).count(), checked);
    }

    @Test
    void shouldAcceptZeroWhereZeroHasAMeaning()
    {
        assertTrue(ServerSettings.PING_INTERVAL_MS.min() > 0);
        final ServerConfiguration configuration = new ServerConfiguration().pingIntervalMs(0).conflateAboveBytes(0).validate();
        assertEquals(0, configuration.pingIntervalMs());
        assertEquals(Math.min(64 * 1024, configuration.maxSessionBufferBytes() / 4), configuration.conflateAboveBytes(), "64 KiB, or a quarter if less");
    }

    @Test
    void shouldKeepTheConflationThresholdWithinTheSessionBuffer()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new ServerConfiguration().maxSessionBufferBytes(2 << 20).conflateAboveBytes((2 << 20) + 1).validate());
        assertEquals("conflateAboveBytes=2097153: must be from 4096 to 2097152", ex.getMessage());
    }

    @Test
    void shouldGiveEachSettingItsOwnKeyAndFlag()
    {
        final Set<String> keys = new HashSet<>();
        final Set<String> flags = new HashSet<>();
        for (final Setting<?> setting : ServerSettings.ALL)
        {
            assertTrue(keys.add(setting.key()), setting.key());
            assertFalse(setting.description().isBlank(), setting.key());
            if (null != setting.flag())
            {
                assertTrue(flags.add(setting.flag()), setting.flag());
                // a switch (a Boolean) takes no value, so it has no label
                assertTrue(setting.flag().startsWith("--") && (null != setting.paramLabel() || setting.type() == Boolean.class), setting.key());
            }
        }
    }

    private static void assertRejectedOutOfRange(final Setting<?> setting, final long value)
    {
        final ServerConfiguration configuration = new ServerConfiguration();
        if (setting.type() == Integer.class)
        {
            setting.apply(configuration, (int)value);
        }
        else
        {
            setting.apply(configuration, value);
        }
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, configuration::validate, setting.key());
        assertEquals(setting.key() + "=" + value + ": must be from " + setting.min() + " to " + setting.max(), ex.getMessage());
    }
}

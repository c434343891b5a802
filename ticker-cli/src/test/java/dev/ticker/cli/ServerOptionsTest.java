package dev.ticker.cli;

import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.config.ServerSettings;
import dev.ticker.server.config.Setting;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerOptionsTest
{
    @Test
    void shouldOfferAFlagForEverySettingThatHasOneOnServeAndDemo()
    {
        for (final String command : new String[] {"serve", "demo"})
        {
            final StringWriter out = new StringWriter();
            assertEquals(0, TickerCli.execute(new String[] {command, "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter())));
            for (final Setting<?> setting : ServerSettings.ALL)
            {
                if (null != setting.flag())
                {
                    // a switch takes no value
                    final String usage = setting.flag() + (null == setting.paramLabel() ? "" : "=" + setting.paramLabel());
                    assertTrue(out.toString().contains(usage), usage + " in ticker " + command + " --help:\n" + out);
                    assertTrue(out.toString().contains("[" + setting.key()), setting.key() + " in ticker " + command + " --help:\n" + out);
                }
            }
        }
    }

    @Test
    void shouldLeaveEverySettingAtItsDefaultWhenNoFlagIsGiven()
    {
        final ServerConfiguration configuration = ServerOptions.configuration(parse());
        for (final Setting<?> setting : ServerSettings.ALL)
        {
            assertTrue(Objects.deepEquals(setting.defaultValue(), setting.read().apply(configuration)), setting.key());
        }
    }

    @Test
    void shouldCarryEveryFlagIntoItsSetting()
    {
        int carried = 0;
        for (final Setting<?> setting : ServerSettings.ALL)
        {
            if (null == setting.flag() || !setting.isNumeric())
            {
                continue;
            }
            // one above the default, or the least value allowed above it: valid without changing another setting
            final long value = Math.max(setting.min(), ((Number)setting.defaultValue()).longValue() + 1);
            final ServerConfiguration configuration = ServerOptions.configuration(parse(setting.flag(), Long.toString(value)));
            assertEquals(value, ((Number)setting.read().apply(configuration)).longValue(), setting.flag());
            carried++;
        }
        assertTrue(carried > 20, "numeric flags carried: " + carried);

        assertEquals("0.0.0.0", ServerOptions.configuration(parse("--host", "0.0.0.0", "--allow-unauthenticated-remote")).host());
    }

    @Test
    void shouldCollectAllowedOriginsFromAListAndFromRepeatedFlags()
    {
        final ServerConfiguration configuration = ServerOptions.configuration(
            parse("--allowed-origins", "http://a.example,https://b.example:8443", "--allowed-origins", "*"));
        assertArrayEquals(new String[] {"http://a.example", "https://b.example:8443", "*"},
            configuration.allowedOrigins().toArray(new String[0]));
    }

    @Test
    void shouldOfferNoFlagForACodeOnlySetting()
    {
        assertEquals(null, ServerSettings.REPLAY_CLOCK.flag());
        final StringWriter err = new StringWriter();
        assertEquals(2, TickerCli.execute(new String[] {"serve", "--replay-clock", "x"}, new PrintWriter(new StringWriter()),
            new PrintWriter(err, true)));
        assertTrue(err.toString().contains("Unknown option"), err.toString());
    }

    /** Parses {@code ticker serve ARGS} and returns the serve command as parsed, without running it. */
    private static CommandSpec parse(final String... args)
    {
        final List<String> line = new ArrayList<>(List.of("serve"));
        line.addAll(List.of(args));
        final CommandLine commandLine = new CommandLine(new TickerCli(null));
        return commandLine.parseArgs(line.toArray(new String[0])).subcommand().commandSpec();
    }
}

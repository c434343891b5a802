package dev.ticker.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickerCliTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return TickerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldListTheCommandsInItsHelp()
    {
        assertEquals(0, run("--help"));
        for (final String command : new String[] {"demo", "serve", "simulate", "generate", "import"})
        {
            assertTrue(out.toString().contains(command), out.toString());
        }
    }

    @Test
    void shouldSummariseEveryCommandInACompleteSentence()
    {
        final java.util.ArrayDeque<picocli.CommandLine> commands = new java.util.ArrayDeque<>();
        commands.add(new picocli.CommandLine(new TickerCli(null)));
        int checked = 0;
        while (!commands.isEmpty())
        {
            final picocli.CommandLine command = commands.poll();
            commands.addAll(command.getSubcommands().values());
            final String[] description = command.getCommandSpec().usageMessage().description();
            if (description.length > 0)
            {
                // the first line is the command's summary in its parent's list of commands
                assertTrue(description[0].strip().endsWith("."), command.getCommandSpec().qualifiedName() + ": '" + description[0] + "'");
                checked++;
            }
        }
        assertTrue(checked >= 12, "every command and subcommand: " + checked);
    }

    @Test
    void shouldContinueEveryExampleLineWithABackslash()
    {
        assertEquals(0, run("replay", "--help"));
        final java.util.List<String> lines = out.toString().lines().toList();
        final int examples = lines.indexOf("Examples:");
        assertTrue(examples > 0, out.toString());
        for (int i = examples + 2; i < lines.size(); i++)
        {
            if (lines.get(i).startsWith("    "))
            {
                assertTrue(lines.get(i - 1).endsWith(" \\"), "line " + i + " continues the one above: " + lines.get(i - 1));
            }
            else
            {
                assertTrue(lines.get(i).startsWith("  ticker "), "an example starts with ticker: " + lines.get(i));
            }
        }
    }

    @Test
    void shouldDescribeTheOptionsOfEachCommand()
    {
        assertEquals(0, run("demo", "--help"));
        assertTrue(out.toString().contains("--data=DIR"), out.toString());
        assertTrue(out.toString().contains("--port=N"), out.toString());
        assertTrue(out.toString().contains("--rate=TICKS_PER_SECOND"), out.toString());
        assertTrue(out.toString().contains("--pace=MODEL|EVEN"), out.toString());
    }

    @Test
    void shouldRejectAnUnknownPace()
    {
        assertEquals(2, run("simulate", "--pace", "fast"));
        assertTrue(err.toString().contains("Invalid value for option '--pace'"), err.toString());
    }

    @Test
    void shouldRejectUnknownMarketHoursNamingTheChoices()
    {
        assertEquals(2, run("simulate", "--market-hours", "sometimes"));
        assertTrue(err.toString().contains("Invalid value for option '--market-hours': expected one of [ALWAYS, VENUE] " +
            "(case-insensitive) but was 'sometimes'"), err.toString());
    }

    @Test
    void shouldOfferMarketHoursOnSimulateAndDemoSayingEachDefault()
    {
        for (final String command : new String[] {"simulate", "demo"})
        {
            out.getBuffer().setLength(0);
            assertEquals(0, run(command, "--help"));
            assertTrue(out.toString().contains("--market-hours=venue|always"), command + ":\n" + out);
            assertTrue(out.toString().replaceAll("\\s+", " ").contains("(default: venue for demo, always for simulate)"), out.toString());
        }
    }

    @Test
    void shouldRefuseVenueHoursAtAnEvenPaceSayingWhatToAdd()
    {
        assertEquals(1, run("demo", "--data", dir.toString(), "--port", "0", "--pace", "even"));
        assertEquals("ticker demo: --market-hours venue with --pace EVEN: venue hours need --pace MODEL (EVEN writes the rate " +
            "evenly whatever the hour); add --market-hours always", err.toString().strip());
    }

    @Test
    void shouldNameTheSettingWhenTheLiveDayIsOutOfRange()
    {
        assertEquals(1, run("simulate", "--data", dir.toString(), "--day-minutes", "0"));
        assertEquals("ticker simulate: dayMinutes=0: must be from 1 to 1440", err.toString().strip());
    }

    @Test
    void shouldRejectAnUnknownFlagWithUsageAndExitCode2()
    {
        assertEquals(2, run("serve", "--prot", "8080"));
        assertTrue(err.toString().contains("Unknown option") && err.toString().contains("'--prot'"), err.toString());
        assertTrue(err.toString().contains("Usage: ticker serve"), err.toString());
    }

    @Test
    void shouldRejectAPortThatIsNotANumber()
    {
        assertEquals(2, run("serve", "--port", "eighty"));
        assertTrue(err.toString().contains("'eighty' is not an int"), err.toString());
    }

    @Test
    void shouldNameTheSettingWhenAValueIsOutOfRange()
    {
        assertEquals(1, run("serve", "--data", dir.toString(), "--port", "70000"));
        assertEquals("ticker serve: port=70000: must be from 0 to 65535", err.toString().strip());
    }

    @Test
    void shouldRefuseAnImpossibleLoadRunBeforeStartingAnything()
    {
        assertEquals(1, run("bench", "load", "--clients", "0"));
        assertEquals("ticker bench load: --clients must be 1..100000, was 0", err.toString().strip());
    }

    @Test
    void shouldRefuseADurationItCannotRead()
    {
        assertEquals(2, run("bench", "load", "--duration", "ten"));
        assertTrue(err.toString().contains("'ten': expected a duration such as 500ms, 10s, 2m, 8h, 7d or PT8H"), err.toString());
    }

    @Test
    void shouldOfferEveryLimitAsAFlag()
    {
        assertEquals(0, run("serve", "--help"));
        for (final String flag : new String[] {"--max-connections=N", "--max-connections-per-address=N", "--max-messages-per-second=N",
            "--message-burst=N", "--max-message-bytes=BYTES", "--max-symbols=N", "--ping-interval-ms=MS", "--ping-timeout-ms=MS",
            "--max-healthy-lag=RECORDS"})
        {
            assertTrue(out.toString().contains(flag), flag + " in\n" + out);
        }
    }

    @Test
    void shouldNameTheLimitThatIsOutOfRange()
    {
        assertEquals(1, run("serve", "--data", dir.toString(), "--max-connections-per-address", "0"));
        assertEquals("ticker serve: maxConnectionsPerAddress=0: must be from 1 to 1000000", err.toString().strip());
    }

    @Test
    void shouldRefuseAPingTimeoutNoLongerThanThePingInterval()
    {
        assertEquals(1, run("demo", "--data", dir.toString(), "--ping-interval-ms", "5000", "--ping-timeout-ms", "5000"));
        assertEquals("ticker demo: pingTimeoutMs=5000: must be longer than pingIntervalMs=5000", err.toString().strip());
    }

    @Test
    void shouldExplainADataFolderThatCannotBeWritten() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("plain-file"), "not a folder");
        assertEquals(1, run("simulate", "--data", file.toString()));
        assertTrue(err.toString().startsWith("ticker simulate: journal folder " + file.resolve("journal")), err.toString());
        assertTrue(err.toString().contains("cannot be created"), err.toString());
    }

    @Test
    void shouldExplainABadInstrumentFileByLineAndField() throws Exception
    {
        final Path instruments = Files.writeString(dir.resolve("universe.csv"),
            "symbol,name,sector,currency,time_zone,session_open,session_close,price_decimals,price_increment,lot_size,reference_price\n" +
            "AAA,Aaa Inc.,Tech,USD,America/New_York,09:30,16:00,2,1,1,10000\n" +
            "BBB,Bbb Inc.,Tech,USD,America/New_York,09:30,16:00,2,0,1,10000\n");
        assertEquals(1, run("simulate", "--data", dir.toString(), "--instruments", instruments.toString()));
        assertEquals("ticker simulate: " + instruments + ":3: field price_increment='0': expected an integer >= 1",
            err.toString().strip());
    }
}

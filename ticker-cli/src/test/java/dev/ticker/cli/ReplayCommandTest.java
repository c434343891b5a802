package dev.ticker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ticker replay} on a real journal in a temp folder: every format read back, the copy, the errors. */
@Timeout(120)
class ReplayCommandTest
{
    private static final int RECORDS = 40_000;
    private static final Map<String, Integer> DECIMALS = Map.of("AAA", 2, "BBB", 4, "CCC", 0);

    @TempDir
    Path dir;

    private Path data;
    private Path journal;
    private List<Tick> recorded;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeJournal()
    {
        data = dir.resolve("data");
        journal = data.resolve("journal");
        recorded = ReplayJournal.write(journal, RECORDS);
    }

    private int run(final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("replay", "--no-progress"));
        all.addAll(List.of(args));
        return TickerCli.execute(all.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<Tick> recordedBetween(final long fromNs, final long toNs, final Set<Integer> instruments)
    {
        return recorded.stream()
            .filter(t -> t.eventTimeNs >= fromNs && t.eventTimeNs < toNs && instruments.contains(t.instrumentId))
            .toList();
    }

    private static long ns(final String iso)
    {
        final Instant instant = Instant.parse(iso);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Test
    void shouldExportAWindowAsCsvThatReadsBackToExactlyTheJournalRecords() throws Exception
    {
        final Path file = dir.resolve("window.csv");
        assertEquals(0, run("--journal", data.toString(), "--from", "2026-11-20T14:30:03Z", "--to", "2026-11-20T14:30:21.5Z",
            "--format", "csv", "--out", file.toString()), err.toString());

        final List<String> lines = Files.readAllLines(file);
        assertEquals(CsvTickWriter.HEADER, lines.get(0));
        final List<Tick> read = new ArrayList<>();
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] cell = line.split(",", -1);
            assertEquals(17, cell.length, line);
            final Tick tick = new Tick();
            tick.sequence = Long.parseLong(cell[0]);
            final long timeNs = Long.parseLong(cell[2]);
            assertEquals(timeNs, ns(cell[1]), line);
            final int id = Integer.parseInt(cell[4]);
            final int decimals = DECIMALS.get(cell[3]);
            switch (cell[5])
            {
                case "trade":
                    tick.trade(timeNs, id, Long.parseLong(cell[7]), Long.parseLong(cell[8]),
                        "buy".equals(cell[9]) ? TickDescriptor.SIDE_BUY : TickDescriptor.SIDE_SELL);
                    assertEquals(BigDecimal.valueOf(tick.price, decimals).toPlainString(), cell[6], line);
                    break;
                case "quote":
                    tick.quote(timeNs, id, Long.parseLong(cell[11]), Long.parseLong(cell[12]), Long.parseLong(cell[14]),
                        Long.parseLong(cell[15]));
                    assertEquals(BigDecimal.valueOf(tick.price, decimals).toPlainString(), cell[10], line);
                    assertEquals(BigDecimal.valueOf(tick.askPrice, decimals).toPlainString(), cell[13], line);
                    break;
                default:
                    assertEquals("status", cell[5], line);
                    tick.status(timeNs, id, "halted".equals(cell[16]) ? TickDescriptor.STATUS_HALTED : TickDescriptor.STATUS_TRADING);
            }
            tick.sequence = Long.parseLong(cell[0]);
            read.add(tick);
        }
        final List<Tick> expected = recordedBetween(ns("2026-11-20T14:30:03Z"), ns("2026-11-20T14:30:21.5Z"), Set.of(0, 1, 2));
        assertTrue(expected.size() > 10_000, "window size " + expected.size());
        assertEquals(ReplayJournal.text(expected), ReplayJournal.text(read));
        assertTrue(read.stream().anyMatch(Tick::isStatus) && read.stream().anyMatch(Tick::isQuote));
        assertFalse(Files.exists(dir.resolve("window.csv.partial")));
        assertTrue(err.toString().contains("wrote " + expected.size() + " ticks"), err.toString());
    }

    @Test
    void shouldExportTheChosenSymbolsAsJsonLinesWithExactDecimalPrices() throws Exception
    {
        final Path file = dir.resolve("window.jsonl");
        assertEquals(0, run("--journal", journal.toString(), "--from", "2026-11-20T09:30:05", "--zone", "America/New_York",
            "--to", "2026-11-20T14:30:09Z", "--symbols", "BBB,CCC", "--format", "JSON", "--out", file.toString()), err.toString());

        final ObjectMapper mapper = new ObjectMapper();
        final List<Tick> read = new ArrayList<>();
        for (final String line : Files.readAllLines(file))
        {
            final JsonNode node = mapper.readTree(line);
            final Tick tick = new Tick();
            final long timeNs = node.get("time_ns").asLong();
            assertEquals(timeNs, ns(node.get("time").asText()), line);
            final int id = node.get("instrument_id").asInt();
            final int decimals = DECIMALS.get(node.get("symbol").asText());
            switch (node.get("type").asText())
            {
                case "trade":
                    tick.trade(timeNs, id, node.get("price_raw").asLong(), node.get("size").asLong(),
                        "buy".equals(node.get("side").asText()) ? TickDescriptor.SIDE_BUY : TickDescriptor.SIDE_SELL);
                    assertEquals(BigDecimal.valueOf(tick.price, decimals), node.get("price").decimalValue(), line);
                    break;
                case "quote":
                    tick.quote(timeNs, id, node.get("bid_price_raw").asLong(), node.get("bid_size").asLong(),
                        node.get("ask_price_raw").asLong(), node.get("ask_size").asLong());
                    assertEquals(BigDecimal.valueOf(tick.askPrice, decimals), node.get("ask_price").decimalValue(), line);
                    break;
                default:
                    tick.status(timeNs, id, "halted".equals(node.get("status").asText()) ?
                        TickDescriptor.STATUS_HALTED : TickDescriptor.STATUS_TRADING);
            }
            tick.sequence = node.get("sequence").asLong();
            read.add(tick);
        }
        final List<Tick> expected = recordedBetween(ns("2026-11-20T14:30:05Z"), ns("2026-11-20T14:30:09Z"), Set.of(1, 2));
        assertTrue(expected.size() > 1_000, "window size " + expected.size());
        assertEquals(ReplayJournal.text(expected), ReplayJournal.text(read));
    }

    @Test
    void shouldExportASequenceWindowAsDelimitedProtobufTicks() throws Exception
    {
        final Path file = dir.resolve("window.pb");
        assertEquals(0, run("--journal", data.toString(), "--from", "seq:101", "--to", "seq:30000", "--format", "proto",
            "--out", file.toString()), err.toString());

        final List<Tick> read = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file))
        {
            dev.ticker.proto.v1.Tick message;
            while (null != (message = dev.ticker.proto.v1.Tick.parseDelimitedFrom(in)))
            {
                read.add(ProtoTicks.fromMessage(message));
            }
        }
        assertEquals(ReplayJournal.text(recorded.subList(100, 30_000)), ReplayJournal.text(read));
    }

    @Test
    void shouldPaceAnExportAndStillYieldEveryTickOfTheWindow() throws Exception
    {
        // 0.2 s of recorded time at 10x: a paced run that takes tens of milliseconds
        final Path file = dir.resolve("paced.csv");
        assertEquals(0, run("--journal", data.toString(), "--from", "2026-11-20T14:30:01Z", "--to", "2026-11-20T14:30:01.2Z",
            "--speed", "10", "--format", "csv", "--out", file.toString()), err.toString());
        final List<String> lines = Files.readAllLines(file);
        final List<Tick> expected = recordedBetween(ns("2026-11-20T14:30:01Z"), ns("2026-11-20T14:30:01.2Z"), Set.of(0, 1, 2));
        assertEquals(expected.size(), lines.size() - 1);
        assertEquals(expected.get(0).sequence + ",", lines.get(1).substring(0, lines.get(1).indexOf(',') + 1));
    }

    @Test
    void shouldCopyAWindowIntoANewJournalWithItsCatalogueAndLeaveNoStaging() throws Exception
    {
        final Path copy = dir.resolve("copy");
        assertEquals(0, run("--journal", data.toString(), "--from", "seq:501", "--to", "seq:20500", "--speed", "0",
            "--into", copy.toString()), err.toString());

        final List<Tick> copied = ReplayJournal.read(copy.resolve("journal"), t -> true);
        final List<Tick> expected = new ArrayList<>();
        for (final Tick tick : recorded.subList(500, 20_500))
        {
            final Tick renumbered = new Tick().copyFrom(tick);
            renumbered.sequence = expected.size() + 1;
            expected.add(renumbered);
        }
        assertEquals(ReplayJournal.text(expected), ReplayJournal.text(copied));
        assertEquals(InstrumentCatalog.load(journal).instruments(), InstrumentCatalog.load(copy.resolve("journal")).instruments());
        try (Stream<Path> left = Files.list(copy))
        {
            assertEquals(List.of(copy.resolve("journal")), left.toList());
        }
        assertTrue(err.toString().contains("as sequences 1 to 20000 with recorded event times"), err.toString());
    }

    @Test
    void shouldStampAPacedCopyWithLiveTimesThatKeepTheRecordedSpacingOverTheSpeed() throws Exception
    {
        final Path copy = dir.resolve("live");
        final long beforeNs = ns(Instant.now().toString());
        assertEquals(0, run("--journal", data.toString(), "--from", "seq:1", "--to", "seq:5000", "--symbols", "AAA",
            "--speed", "100000", "--into", copy.toString()), err.toString());

        final List<Tick> copied = ReplayJournal.read(copy.resolve("journal"), t -> true);
        final List<Tick> source = recorded.subList(0, 5_000).stream().filter(t -> t.instrumentId == 0).toList();
        assertEquals(source.size(), copied.size());
        assertTrue(copied.get(0).eventTimeNs >= beforeNs, "live times start at the copy: " + copied.get(0));
        for (int i = 0; i < copied.size(); i++)
        {
            final long expectedOffsetNs = (long)Math.ceil((source.get(i).eventTimeNs - source.get(0).eventTimeNs) / 100_000.0);
            assertEquals(expectedOffsetNs, copied.get(i).eventTimeNs - copied.get(0).eventTimeNs, "tick " + i);
            assertEquals(source.get(i).price, copied.get(i).price);
            assertEquals(i + 1, copied.get(i).sequence);
        }
        assertTrue(err.toString().contains("with live event times"), err.toString());
    }

    @Test
    void shouldRefuseToCopyIntoAJournalThatHoldsRecords()
    {
        final Path other = dir.resolve("other");
        ReplayJournal.write(other.resolve("journal"), 10);
        assertEquals(1, run("--journal", data.toString(), "--to", "seq:10", "--into", other.toString()));
        assertEquals("ticker replay: --into: the journal " + other.resolve("journal") + " is not empty (10 records, " +
            "3 instruments); replay --into writes a new journal only", err.toString().strip());
        assertEquals(10, ReplayJournal.read(other.resolve("journal"), t -> true).size());
    }

    @Test
    void shouldRefuseToCopyAJournalIntoItself()
    {
        assertEquals(1, run("--journal", journal.toString(), "--to", "seq:10", "--into", data.toString()));
        assertEquals("ticker replay: --into " + data + " is the recorded journal itself; name a new data folder",
            err.toString().strip());
    }

    @Test
    void shouldLeaveNothingWhenAnExportOrAFastCopyIsStopped() throws Exception
    {
        final Path file = dir.resolve("stopped.csv");
        final ReplayCommand export = new ReplayCommand();
        export.requestStop();
        assertEquals(0, new CommandLine(export).execute("--no-progress", "--journal", data.toString(), "--format", "csv",
            "--out", file.toString()));
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("stopped.csv.partial")));

        final Path copy = dir.resolve("stopped-copy");
        final ReplayCommand fastCopy = new ReplayCommand();
        fastCopy.requestStop();
        assertEquals(0, new CommandLine(fastCopy).execute("--no-progress", "--journal", data.toString(), "--speed", "0",
            "--into", copy.toString()));
        // as with generate and import: not even the data folder the copy would have made
        assertFalse(Files.exists(copy), copy + " is left behind");
    }

    @Test
    void shouldSayWhenTheStartIsAfterTheEnd()
    {
        assertEquals(1, run("--journal", data.toString(), "--from", "2026-11-20T14:30:10Z", "--to", "2026-11-20T14:30:05Z",
            "--format", "csv"));
        assertEquals("ticker replay: --from 2026-11-20T14:30:10Z (2026-11-20T14:30:10Z) is not before --to " +
            "2026-11-20T14:30:05Z (2026-11-20T14:30:05Z): the start must come before the end", err.toString().strip());
    }

    @Test
    void shouldSayWhenASequenceStartIsAfterTheEnd()
    {
        assertEquals(1, run("--journal", data.toString(), "--from", "seq:200", "--to", "seq:100", "--format", "csv"));
        assertEquals("ticker replay: --from seq:200 (sequence 200) is after --to seq:100 (sequence 100): " +
            "the start must come before the end", err.toString().strip());
    }

    @Test
    void shouldSayWhenATimeIsOutsideTheJournal()
    {
        assertEquals(1, run("--journal", data.toString(), "--from", "2026-11-21", "--format", "csv"));
        final String line = err.toString().strip();
        assertTrue(line.startsWith("ticker replay: --from 2026-11-21 (2026-11-21T00:00:00Z) is after the journal's last record: " +
            "the journal holds sequences 1 to " + RECORDS + ", from 2026-11-20T14:30:00Z to "), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void shouldSayWhenASequenceIsOutsideTheJournal()
    {
        assertEquals(1, run("--journal", data.toString(), "--to", "seq:" + (RECORDS + 1), "--format", "csv"));
        assertTrue(err.toString().startsWith("ticker replay: --to seq:" + (RECORDS + 1) +
            " is outside the journal: the journal holds sequences 1 to " + RECORDS), err.toString());
    }

    @Test
    void shouldNameAnUnknownSymbolAndTheKnownOnes()
    {
        assertEquals(1, run("--journal", data.toString(), "--symbols", "AAA,ZZZ", "--format", "csv"));
        assertEquals("ticker replay: --symbols: unknown symbol ZZZ; the journal knows AAA,BBB,CCC", err.toString().strip());
    }

    @Test
    void shouldRefuseASpeedOutOfRange()
    {
        assertEquals(1, run("--journal", data.toString(), "--speed", "200000", "--format", "csv"));
        assertEquals("ticker replay: --speed 200000.0: must be 0 (as fast as possible) or from 0.01 to 100000 times recorded time",
            err.toString().strip());
    }

    @Test
    void shouldSayWhereItLookedForAMissingJournal()
    {
        assertEquals(1, run("--journal", dir.resolve("nothing").toString(), "--format", "csv"));
        assertEquals("ticker replay: --journal " + dir.resolve("nothing") + ": no journal there (expected a data folder holding " +
            "journal/queue/, or a journal folder holding queue/)", err.toString().strip());
    }

    @Test
    void shouldSayPlainlyThatTheOutputFolderIsMissing()
    {
        final Path missing = dir.resolve("no-such-folder").resolve("x.csv");
        assertEquals(1, run("--journal", data.toString(), "--format", "csv", "--out", missing.toString()));
        assertEquals("ticker replay: --out " + missing + ": the folder " + missing.getParent() + " does not exist", err.toString().strip(),
            "one line, no stack trace");
    }

    @Test
    void shouldRefuseAFolderAsTheOutputFileAndLeaveNothingBehind() throws Exception
    {
        final Path folder = Files.createDirectories(dir.resolve("exports"));
        assertEquals(1, run("--journal", data.toString(), "--format", "csv", "--out", folder.toString()));
        assertEquals("ticker replay: --out " + folder + ": is a folder; name the file to write", err.toString().strip(),
            "one line, no stack trace");
        assertTrue(Files.isDirectory(folder), "the folder is left as it was");
        assertFalse(Files.exists(dir.resolve("exports.partial")), "no partial file");
    }

    @Test
    void shouldRejectMalformedFlagsWithUsageAndExitCode2()
    {
        assertEquals(2, run("--journal", data.toString(), "--from", "yesterday", "--format", "csv"));
        assertTrue(err.toString().contains("'yesterday': expected an ISO-8601 time"), err.toString());
        assertTrue(err.toString().contains("Usage: ticker replay"), err.toString());
        assertEquals(2, run("--journal", data.toString(), "--format", "xml"));
        assertTrue(err.toString().contains("'xml': expected csv, json, proto or parquet"), err.toString());
        assertEquals(2, run("--journal", data.toString()));
        assertTrue(err.toString().contains("Either --format (export the ticks) or --into"), err.toString());
    }

    @Test
    void shouldDescribeEveryFlagInItsHelp()
    {
        assertEquals(0, run("--help"));
        for (final String flag : new String[] {"--journal=DIR", "--from=TIME|seq:N", "--to=TIME|seq:N", "--zone=ZONE",
            "--symbols=SYMBOL", "--speed=X", "--format=csv|json|proto|parquet", "--out=FILE", "--into=DIR", "--event-times=live|recorded",
            "--no-progress", "data folder", "UTC"})
        {
            assertTrue(out.toString().contains(flag), flag + " in\n" + out);
        }
    }
}

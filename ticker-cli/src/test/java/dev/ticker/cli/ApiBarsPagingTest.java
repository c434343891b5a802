package dev.ticker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.Bar;
import dev.ticker.proto.v1.BarHistory;
import dev.ticker.server.TickerServer;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chart paging back through {@code /api/bars} with {@code to} alone, each time from the answer's
 * {@code olderToNs}, reaches the journal's first record through pages that each read at most
 * {@code barsJournalRecords} records, and gets exactly the bars of {@code ticker bars}: none missing,
 * none twice, none partial at a page's edge. Two generated days of the default universe, in which
 * AAPL does not trade overnight while Tokyo, London and crypto do, so some pages hold no AAPL bar and
 * are not the last.
 */
@Timeout(180)
class ApiBarsPagingTest
{
    private static final int HELD_BARS = 30;
    private static final int PAGE_BARS = 100;
    /** More pages than the two days can take: a paging that does not end fails. */
    private static final int MAX_PAGES = 2_000;

    @TempDir
    static Path dir;

    private static Path data;
    private static long journalRecords;

    @BeforeAll
    static void generateTwoDays()
    {
        data = dir.resolve("data");
        final StringWriter err = new StringWriter();
        assertEquals(0, TickerCli.execute(new String[]{"generate", "--date", "2026-11-19", "--days", "2", "--out", data.toString(),
            "--activity", "0.003"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)), err.toString());
        try (TickJournal journal = TickJournal.open(data.resolve("journal")))
        {
            journalRecords = journal.headSequence();
        }
    }

    private static ServerConfiguration configuration()
    {
        return new ServerConfiguration().port(0).warmUpDays(0).barHistoryLimit(HELD_BARS);
    }

    @Test
    void shouldPageBackWithToAloneToTheJournalsFirstRecordAndGetExactlyTheBarsOfTickerBars() throws Exception
    {
        // a page reads a twentieth of the journal at most: a night of AAPL takes several pages
        final int pageRecords = (int)(journalRecords / 20);
        try (TickJournal journal = TickJournal.open(data.resolve("journal"));
            TickerServer server = TickerServer.start(configuration().barsJournalRecords(pageRecords), journal))
        {
            final BarHistory first = ApiBarsFromJournalTest.history(server, "symbol=AAPL&interval=1m&limit=" + PAGE_BARS);
            assertTrue(first.getBarsCount() <= HELD_BARS, "the first load holds the kept bars only");
            assertTrue(first.getOlderToNs() > 0, "the journal holds older bars: " + first.getOlderToNs());

            final List<Bar> paged = new ArrayList<>(first.getBarsList());
            long toNs = first.getOlderToNs();
            int pages = 0;
            int emptyButNotLast = 0;
            while (toNs != 0)
            {
                assertTrue(++pages <= MAX_PAGES, "paging ends within " + MAX_PAGES + " pages");
                final BarHistory page = ApiBarsFromJournalTest.history(server, "symbol=AAPL&interval=1m&limit=" + PAGE_BARS + "&to=" + toNs);
                assertTrue(page.getBarsCount() <= PAGE_BARS, "at most limit bars");
                for (final Bar bar : page.getBarsList())
                {
                    assertTrue(bar.getStartTimeNs() < toNs, "every bar starts before to");
                }
                assertTrue(page.getOlderToNs() < toNs, "each page goes further back: " + page.getOlderToNs() + " after " + toNs);
                if (page.getBarsCount() == 0 && page.getOlderToNs() != 0)
                {
                    emptyButNotLast++;
                }
                paged.addAll(0, page.getBarsList());
                toNs = page.getOlderToNs();
            }

            final List<JsonNode> expected = tickerBars("1m");
            assertTrue(emptyButNotLast > 0, "some pages hold no AAPL bar (the night) and are not the last");
            assertTrue(pages > 5, "the journal took several pages: " + pages);
            assertEquals(expected.size(), paged.size(), "the same bars as ticker bars, none missing or twice");
            for (int i = 0; i < expected.size(); i++)
            {
                final Bar bar = paged.get(i);
                final JsonNode exported = expected.get(i);
                ApiBarsFromJournalTest.assertSameBar(exported, bar, "bar " + i + " " + Instant.ofEpochSecond(0, bar.getStartTimeNs()));
            }
        }
    }

    @Test
    void shouldAnswer400NamingTheIntervalAndTheLimitWhenThePageMayNotReadAWholeDay() throws Exception
    {
        final int pageRecords = (int)(journalRecords / 20);
        try (TickJournal journal = TickJournal.open(data.resolve("journal"));
            TickerServer server = TickerServer.start(configuration().barsJournalRecords(pageRecords), journal))
        {
            final BarHistory first = ApiBarsFromJournalTest.history(server, "symbol=AAPL&interval=1d");
            assertTrue(first.getOlderToNs() > 0, "the journal holds older days");
            final HttpResponse<String> response = ApiBarsFromJournalTest.get(server, "symbol=AAPL&interval=1d&to=" + first.getOlderToNs());
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(response.body().contains("to=" + first.getOlderToNs() + ": the bars before "), response.body());
            assertTrue(response.body().contains("the 1d bar before it needs "), response.body());
            assertTrue(response.body().contains("one request reads at most " + pageRecords + " (barsJournalRecords)"), response.body());
            assertTrue(response.body().contains("use ticker bars"), response.body());
        }
    }

    @Test
    void shouldSayWhereToPageBackFromOnAnAnswerWithFrom() throws Exception
    {
        try (TickJournal journal = TickJournal.open(data.resolve("journal"));
            TickerServer server = TickerServer.start(configuration(), journal))
        {
            final long fromNs = epochNs("2026-11-20T00:00:00Z");
            final BarHistory later = ApiBarsFromJournalTest.history(server, "symbol=AAPL&interval=1m&limit=5000&from=" + fromNs);
            assertTrue(later.getBarsCount() > HELD_BARS, "bars from the journal and the kept ones");
            assertEquals(fromNs, later.getOlderToNs(), "every bar from from on is in the answer: the older ones are before from");

            final BarHistory all = ApiBarsFromJournalTest.history(server, "symbol=AAPL&interval=1m&limit=5000&from=2026-11-01T00:00:00Z");
            assertEquals(tickerBars("1m").size(), all.getBarsCount());
            assertEquals(0, all.getOlderToNs(), "the answer reaches back to the journal's first record");

            final BarHistory full = ApiBarsFromJournalTest.history(server, "symbol=AAPL&interval=1m&limit=10&from=" + fromNs);
            assertEquals(full.getBars(0).getStartTimeNs(), full.getOlderToNs(), "a full answer: page back from its oldest bar");
        }
    }

    @Test
    void shouldAnswerTheKeptBarsWithNothingOlderWhenJournalReadsAreOff() throws Exception
    {
        try (TickJournal journal = TickJournal.open(data.resolve("journal"));
            TickerServer server = TickerServer.start(configuration().barsJournalRecords(0), journal))
        {
            final BarHistory first = ApiBarsFromJournalTest.history(server, "symbol=AAPL&interval=1m");
            assertEquals(HELD_BARS, first.getBarsCount(), "the kept bars");
            assertEquals(0, first.getOlderToNs(), "nothing older can be answered");

            final long oldestNs = first.getBars(0).getStartTimeNs();
            final BarHistory before = ApiBarsFromJournalTest.history(server, "symbol=AAPL&interval=1m&to=" + oldestNs);
            assertEquals(0, before.getBarsCount(), "no kept bar is older");
            assertEquals(0, before.getOlderToNs());

            final BarHistory paged = ApiBarsFromJournalTest.history(server, "symbol=AAPL&interval=1m&limit=10");
            assertEquals(10, paged.getBarsCount());
            assertEquals(paged.getBars(0).getStartTimeNs(), paged.getOlderToNs(), "a full page: page back from its oldest bar");
            final BarHistory next = ApiBarsFromJournalTest.history(server, "symbol=AAPL&interval=1m&limit=10&to=" + paged.getOlderToNs());
            assertEquals(first.getBars(HELD_BARS - 20).getStartTimeNs(), next.getBars(0).getStartTimeNs(), "the ten kept bars before");
            assertEquals(10, next.getBarsCount());
        }
    }

    private static List<JsonNode> tickerBars(final String interval) throws Exception
    {
        final Path json = dir.resolve("bars-" + interval + ".json");
        final StringWriter err = new StringWriter();
        assertEquals(0, TickerCli.execute(new String[]{"bars", "--journal", data.toString(), "--interval", interval, "--symbols", "AAPL",
            "--format", "json", "--from", "2026-11-01T00:00:00Z", "--to", "2026-12-01T00:00:00Z", "--out", json.toString()},
            new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)), err.toString());
        final List<JsonNode> bars = new ArrayList<>();
        for (final String line : Files.readAllLines(json))
        {
            bars.add(new ObjectMapper().readTree(line));
        }
        return bars;
    }

    private static long epochNs(final String iso)
    {
        final Instant instant = Instant.parse(iso);
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }
}

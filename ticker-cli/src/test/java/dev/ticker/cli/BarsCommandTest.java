package dev.ticker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import dev.ticker.journal.TickJournal;
import dev.ticker.proto.v1.Bar;
import dev.ticker.proto.v1.BarHistory;
import dev.ticker.server.TickerServer;
import dev.ticker.server.config.ServerConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ticker bars} and {@code ticker replay --format parquet} on a generated day: bars equal to
 * those a real server answers at {@code /api/bars}, VWAP checked against the trades themselves,
 * and Parquet read back by DuckDB with its types.
 */
@Timeout(180)
class BarsCommandTest
{
    private static final long WARM_UP_DEADLINE_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path data;

    private int run(final String... args)
    {
        return TickerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @BeforeEach
    void generateADay()
    {
        data = dir.resolve("data");
        assertEquals(0, run("generate", "--date", "2026-11-20", "--out", data.toString(), "--activity", "0.003"), err.toString());
    }

    @Test
    void shouldExportTheBarsTheServerAnswersAtApiBars() throws Exception
    {
        final Path json = dir.resolve("bars.json");
        assertEquals(0, run("bars", "--journal", data.toString(), "--interval", "1m", "--symbols", "AAPL,MSFT", "--format", "json",
            "--out", json.toString()), err.toString());
        final Map<String, List<JsonNode>> exported = new LinkedHashMap<>();
        for (final String line : Files.readAllLines(json))
        {
            final JsonNode bar = new ObjectMapper().readTree(line);
            exported.computeIfAbsent(bar.get("symbol").asText(), symbol -> new ArrayList<>()).add(bar);
        }
        assertEquals(List.of("AAPL", "MSFT"), List.copyOf(exported.keySet()));

        try (TickJournal journal = TickJournal.open(data.resolve("journal"));
            TickerServer server = TickerServer.start(new ServerConfiguration().port(0), journal))
        {
            for (final String symbol : exported.keySet())
            {
                final BarHistory history = history(server, "symbol=" + symbol + "&interval=1m&limit=5000");
                final int decimals = history.getInstrument().getPriceDecimals();
                final List<JsonNode> bars = exported.get(symbol);
                assertTrue(bars.size() > 100, symbol + ": a day of minutes");
                assertEquals(history.getBarsCount(), bars.size(), symbol);
                for (int i = 0; i < bars.size(); i++)
                {
                    final Bar expected = history.getBars(i);
                    final JsonNode bar = bars.get(i);
                    final String where = symbol + " bar " + i;
                    assertEquals(Long.toString(expected.getStartTimeNs()), bar.get("start_ns").asText(), where + ": a string of ns");
                    assertEquals(expected.getOpen(), units(bar.get("open"), decimals), where);
                    assertEquals(expected.getHigh(), units(bar.get("high"), decimals), where);
                    assertEquals(expected.getLow(), units(bar.get("low"), decimals), where);
                    assertEquals(expected.getClose(), units(bar.get("close"), decimals), where);
                    assertEquals(expected.getVolume(), bar.get("volume").asLong(), where);
                    assertEquals(expected.getTradeCount(), bar.get("trade_count").asLong(), where);
                    assertEquals(Long.toString(expected.getLastSequence()), bar.get("last_sequence").asText(), where);
                    final BigDecimal vwap = bar.get("vwap").decimalValue();
                    assertTrue(vwap.compareTo(bar.get("low").decimalValue()) >= 0 && vwap.compareTo(bar.get("high").decimalValue()) <= 0,
                        where + ": VWAP within the bar's range");
                }
            }
        }
    }

    @Test
    void shouldComputeVwapFromTheTradesOfEachBar() throws Exception
    {
        final Path ticks = dir.resolve("ticks.csv");
        final Path bars = dir.resolve("bars.csv");
        assertEquals(0, run("replay", "--journal", data.toString(), "--symbols", "AAPL", "--format", "csv", "--out", ticks.toString()));
        assertEquals(0, run("bars", "--journal", data.toString(), "--interval", "5m", "--symbols", "AAPL", "--format", "csv",
            "--out", bars.toString()), err.toString());
        // VWAP recomputed here from the exported trades: sum(price x size) / sum(size) per 5-minute start
        final Map<Long, BigDecimal[]> sums = new LinkedHashMap<>();
        for (final String line : Files.readAllLines(ticks).subList(1, Files.readAllLines(ticks).size()))
        {
            final String[] cells = line.split(",", -1);
            if (cells[5].equals("trade"))
            {
                final long start = Long.parseLong(cells[2]) / 300_000_000_000L * 300_000_000_000L;
                final BigDecimal size = new BigDecimal(cells[8]);
                final BigDecimal[] sum = sums.computeIfAbsent(start, s -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                sum[0] = sum[0].add(new BigDecimal(cells[6]).multiply(size));
                sum[1] = sum[1].add(size);
            }
        }
        final List<String> lines = Files.readAllLines(bars);
        assertEquals(BarWriters.CSV_HEADER, lines.get(0));
        assertEquals(sums.size(), lines.size() - 1);
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] cells = line.split(",");
            final BigDecimal[] sum = sums.get(Long.parseLong(cells[3]));
            assertEquals(sum[0].divide(sum[1], 8, java.math.RoundingMode.HALF_EVEN), new BigDecimal(cells[10]), line);
        }
    }

    @Test
    void shouldWriteParquetThatDuckDbReadsBackWithItsTypes() throws Exception
    {
        final Path json = dir.resolve("bars.json");
        final Path bars = dir.resolve("bars.parquet");
        final Path ticks = dir.resolve("ticks.parquet");
        assertEquals(0, run("bars", "--journal", data.toString(), "--interval", "1m", "--symbols", "AAPL", "--format", "json",
            "--out", json.toString()), err.toString());
        assertEquals(0, run("bars", "--journal", data.toString(), "--interval", "1m", "--symbols", "AAPL", "--format", "parquet",
            "--out", bars.toString()), err.toString());
        assertEquals(0, run("replay", "--journal", data.toString(), "--to", "seq:1000", "--format", "parquet", "--out", ticks.toString()),
            err.toString());

        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement())
        {
            final Map<String, String> barTypes = types(sql, bars);
            assertEquals("TIMESTAMP_NS", barTypes.get("start"));
            assertTrue(barTypes.get("open").matches("DECIMAL\\(18,\\d+\\)"), barTypes.toString());
            assertEquals("BIGINT", barTypes.get("volume"));
            final List<String> lines = Files.readAllLines(json);
            try (ResultSet rows = sql.executeQuery("SELECT epoch_ns(start), open, close, volume, vwap FROM '" + bars + "' ORDER BY start"))
            {
                for (final String line : lines)
                {
                    assertTrue(rows.next());
                    final JsonNode bar = new ObjectMapper().readTree(line);
                    assertEquals(bar.get("start_ns").asLong(), rows.getLong(1));
                    assertEquals(0, bar.get("open").decimalValue().compareTo(rows.getBigDecimal(2)), line);
                    assertEquals(0, bar.get("close").decimalValue().compareTo(rows.getBigDecimal(3)), line);
                    assertEquals(bar.get("volume").asLong(), rows.getLong(4));
                    assertEquals(0, bar.get("vwap").decimalValue().compareTo(rows.getBigDecimal(5)), line);
                }
            }

            final Map<String, String> tickTypes = types(sql, ticks);
            assertEquals("TIMESTAMP_NS", tickTypes.get("time"));
            assertTrue(tickTypes.get("price").startsWith("DECIMAL(18,"), tickTypes.toString());
            try (ResultSet count = sql.executeQuery("SELECT count(*), min(sequence), max(sequence) FROM '" + ticks + "'"))
            {
                assertTrue(count.next());
                assertEquals(1000, count.getLong(1));
                assertEquals(1, count.getLong(2));
                assertEquals(1000, count.getLong(3));
            }
        }
    }

    private static Map<String, String> types(final Statement sql, final Path parquet) throws Exception
    {
        final Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet columns = sql.executeQuery("DESCRIBE SELECT * FROM '" + parquet + "'"))
        {
            while (columns.next())
            {
                types.put(columns.getString("column_name"), columns.getString("column_type"));
            }
        }
        return types;
    }

    private static long units(final JsonNode price, final int decimals)
    {
        return price.decimalValue().movePointRight(decimals).longValueExact();
    }

    /** /api/bars once the server has read the journal's past (503 until then). */
    private static BarHistory history(final TickerServer server, final String query) throws Exception
    {
        final HttpClient http = HttpClient.newHttpClient();
        final long deadline = System.nanoTime() + WARM_UP_DEADLINE_NS;
        while (true)
        {
            final HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "api/bars?" + query)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200)
            {
                final BarHistory.Builder history = BarHistory.newBuilder();
                JsonFormat.parser().merge(response.body(), history);
                return history.build();
            }
            assertEquals(503, response.statusCode(), response.body());
            assertTrue(System.nanoTime() - deadline < 0, "the server warmed up within a minute");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}

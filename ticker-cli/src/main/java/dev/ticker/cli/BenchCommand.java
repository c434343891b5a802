package dev.ticker.cli;

import dev.ticker.benchmarks.BenchmarkMain;
import dev.ticker.benchmarks.load.LoadGenerator;
import dev.ticker.benchmarks.load.LoadOptions;
import dev.ticker.benchmarks.load.LoadReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measures Ticker: JMH benchmarks of the hot paths, and a WebSocket load generator.",
    subcommands = {BenchCommand.Jmh.class, BenchCommand.Load.class, CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable
{
    @Spec
    CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "jmh",
        description = {
            "Runs the JMH benchmarks whose names match the filter (a regular expression; all when absent).",
            "JMH's own options pass through untouched, e.g.: ticker bench jmh Journal -prof gc -f 1 -wi 2 -i 3.",
            "'ticker bench jmh -h' prints JMH's options, '-l' lists the benchmarks. Results go to jmh-result.json",
            "(JSON) unless -rf/-rff say otherwise; the file is named before the run and after it."})
    static final class Jmh implements Callable<Integer>
    {
        // every argument, in order, for JMH: picocli reads none of them
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call()
        {
            requireBenchmarkLibraries();
            return BenchmarkMain.run(args.toArray(String[]::new), System.out, System.err);
        }
    }

    @Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Opens many WebSocket connections to a Ticker server, subscribes them and reports what they receive.",
            "The report: delivered ticks/s and frames/s, latency from journal to client (p50..max), sequence gaps, conflation,",
            "delivery stalls, and the server's CPU per million ticks, memory per idle connection and GC pauses",
            "(a flight recording of the measured window, in the report folder). Charts: latency by percentile (log scales),",
            "throughput and latency second by second, and latency.hgrm (HdrHistogram's output). A run that delivered nothing,",
            "whose generator could not keep up or whose machine was saturated is marked invalid and exits with 4.",
            "Without --url it starts its own server with the simulator at --rate, in a separate process;",
            "with --url, --server-pid names the server's process to measure."})
    static final class Load implements Callable<Integer>
    {
        /** The exit code of a run whose figures cannot be trusted (nothing delivered, generator or machine saturated). */
        static final int EXIT_INVALID_RUN = 4;

        @Option(names = "--url", paramLabel = "WS_URL", description = "a running server, e.g. ws://127.0.0.1:8080/ws (default: start one)")
        URI url;

        @Option(names = "--clients", paramLabel = "N", defaultValue = "100", description = "connections to open (default: ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--symbols", paramLabel = "SYMBOL", split = ",",
            description = "symbols to subscribe (default: all instruments)")
        List<String> symbols = new ArrayList<>();

        @Option(names = "--symbols-per-client", paramLabel = "N", defaultValue = "0",
            description = "each client subscribes to N symbols picked from --symbols (default: all of them)")
        int symbolsPerClient;

        @Option(names = "--max-rate", paramLabel = "UPDATES_PER_SECOND", defaultValue = "0",
            description = "the subscriptions' update-rate cap (default: 0, every tick)")
        int maxRate;

        @Option(names = "--rate", paramLabel = "TICKS_PER_SECOND", defaultValue = "10000",
            description = "the started server's simulator rate (default: ${DEFAULT-VALUE})")
        int rate;

        @Option(names = "--flush-ms", paramLabel = "MS", defaultValue = "10",
            description = "the started server's flush window (default: ${DEFAULT-VALUE})")
        int flushMs;

        @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "3s", converter = DurationConverter.class,
            description = "time before measuring, e.g. 500ms, 3s, 1m (default: ${DEFAULT-VALUE})")
        Duration warmup;

        @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "measured time (default: ${DEFAULT-VALUE})")
        Duration duration;

        @Option(names = "--slow-fraction", paramLabel = "FRACTION", defaultValue = "0",
            description = "the fraction of clients that read slowly, 0..1 (default: ${DEFAULT-VALUE})")
        double slowFraction;

        @Option(names = "--slow-read-delay-ms", paramLabel = "MS", defaultValue = "100",
            description = "a slow client's pause between frames (default: ${DEFAULT-VALUE})")
        long slowReadDelayMs;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "threads delivering frames to the clients (default: ${DEFAULT-VALUE})")
        int threads;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "picks each client's symbols (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--report", paramLabel = "DIR", defaultValue = "target/load-report",
            description = "where report.json, summary.txt, the charts (latency.png, timeline.png) and latency.hgrm go (default: ${DEFAULT-VALUE})")
        Path reportDir;

        @Option(names = "--server-arg", paramLabel = "ARG", description = "an extra argument for the started server (repeatable)")
        List<String> serverArgs = new ArrayList<>();

        @Option(names = "--server-cpus", paramLabel = "CPUS",
            description = "pin the started server to these CPUs (taskset -c list, e.g. 0), apart from the generator")
        String serverCpus;

        @Option(names = "--server-pid", paramLabel = "PID", defaultValue = "0",
            description = "the process id of the server at --url: measure its CPU, memory and (a JVM) GC pauses")
        long serverPid;

        @Option(names = "--profile",
            description = "print the server's 20 hottest methods and 10 largest allocation sites into the summary")
        boolean profile;

        @Option(names = "--trust", paramLabel = "PEM_FILE",
            description = "certificates to trust for a wss:// server (its CA's, or its own), instead of the JVM's")
        Path trust;

        @Option(names = "--token", paramLabel = "TOKEN",
            description = "an access token for a server started with --auth token (see ticker token)")
        String token;

        @Option(names = "--idle",
            description = "leave the connections unsubscribed: memory per idle connection, connections held")
        boolean idle;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException
        {
            requireBenchmarkLibraries();
            final LoadOptions options = new LoadOptions(url, clients, symbols, symbolsPerClient, maxRate, rate, flushMs,
                warmup, duration, slowFraction, slowReadDelayMs, threads, seed, reportDir, serverArgs, serverCpus, serverPid, profile, idle, trust, token);
            final PrintWriter out = spec.commandLine().getOut();
            final LoadReport report = new LoadGenerator(options, System.err).run();
            out.print(report.summary(profile));
            out.println("report           " + reportDir + ": " + String.join(", ", report.files()));
            out.flush();
            if (!report.valid())
            {
                spec.commandLine().getErr().println("ticker bench load: the run is invalid: " + String.join("; ", report.invalidReasons()));
                return EXIT_INVALID_RUN;
            }
            return 0;
        }
    }

    /**
     * The benchmarks live in the application's lib-bench folder, which the launcher puts on the class
     * path of {@code ticker bench} only, so that {@code serve} and {@code demo} carry none of them.
     */
    static void requireBenchmarkLibraries()
    {
        try
        {
            Class.forName("dev.ticker.benchmarks.BenchmarkMain", false, BenchCommand.class.getClassLoader());
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalArgumentException("the benchmarks are not on the class path: run ticker bench through ./ticker, or add " +
                "ticker-cli/target/app/lib-bench/* to -cp", ex);
        }
    }

}

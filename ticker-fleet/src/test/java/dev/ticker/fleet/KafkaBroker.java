package dev.ticker.fleet;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) in its own JVM, started from the
 * Maven jars on free loopback ports with its data in a folder the test gives. It is killed when
 * closed, and by a shutdown hook if the test JVM ends first.
 */
final class KafkaBroker implements AutoCloseable
{
    private static final long START_TIMEOUT_MS = 120_000;

    private final Process process;
    private final Thread killer;
    private final String bootstrap;
    private final Path log;

    private KafkaBroker(final Process process, final Thread killer, final String bootstrap, final Path log)
    {
        this.process = process;
        this.killer = killer;
        this.bootstrap = bootstrap;
        this.log = log;
    }

    static KafkaBroker start(final Path dir) throws IOException, InterruptedException
    {
        final int port = freePort();
        final int controllerPort = freePort();
        final Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + dir.resolve("data"),
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=1",
            "group.initial.rebalance.delay.ms=0",
            // as scripts/kafka-broker.sh: a transaction begun while the last one's markers are written waits 1 ms, not 20
            "add.partitions.to.txn.retry.backoff.ms=1",
            "add.partitions.to.txn.retry.backoff.max.ms=20",
            "auto.create.topics.enable=false",
            ""));
        final Path log = dir.resolve("broker.log");
        final Process format = java(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
            "-c", properties.toString()), log, "256m");
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0)
        {
            format.destroyForcibly();
            throw new IllegalStateException("formatting the broker's storage failed; see " + log + ":\n" + tail(log));
        }
        final Process process = java(List.of("kafka.Kafka", properties.toString()), log, "512m");
        final Thread killer = new Thread(process::destroyForcibly, "kill-kafka-broker");
        Runtime.getRuntime().addShutdownHook(killer);
        final KafkaBroker broker = new KafkaBroker(process, killer, "127.0.0.1:" + port, log);
        try
        {
            broker.awaitReady();
            return broker;
        }
        catch (final RuntimeException | Error ex)
        {
            broker.close();
            throw ex;
        }
    }

    String bootstrap()
    {
        return bootstrap;
    }

    private void awaitReady() throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000)))
        {
            while (true)
            {
                if (!process.isAlive())
                {
                    throw new IllegalStateException("the broker exited with " + process.exitValue() + ":\n" + tail(log));
                }
                try
                {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty())
                    {
                        return;
                    }
                }
                catch (final Exception ex)
                {
                    // not up yet
                }
                if (System.currentTimeMillis() > deadline)
                {
                    throw new IllegalStateException("the broker did not answer within " + START_TIMEOUT_MS + " ms:\n" + tail(log));
                }
                Thread.sleep(200);
            }
        }
    }

    private static Process java(final List<String> mainAndArgs, final Path log, final String heap) throws IOException
    {
        final List<String> command = new java.util.ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap, "-XX:+UseParallelGC",
            "-cp", TestProcesses.classpath()));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    static String tail(final Path log)
    {
        try
        {
            final List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex + ")";
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
        try
        {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        try
        {
            Runtime.getRuntime().removeShutdownHook(killer);
        }
        catch (final IllegalStateException ex)
        {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    static UncheckedIOException unchecked(final IOException ex)
    {
        return new UncheckedIOException(ex);
    }
}

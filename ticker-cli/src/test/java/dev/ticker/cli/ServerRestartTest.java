package dev.ticker.cli;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.Resume;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Subscribe;
import dev.ticker.proto.v1.Tick;
import dev.ticker.server.JournalFixture;
import dev.ticker.server.JournalTruth;
import dev.ticker.server.WebSocketTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The server is a separate process, killed hard while clients are attached and the writer keeps
 * writing; a new server process on the same journal lets the clients resume and lose nothing.
 */
@Timeout(180)
class ServerRestartTest
{
    private static final Pattern DASHBOARD = Pattern.compile("dashboard\\s+http://[^:]+:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void shouldLoseNothingWhenTheServerIsKilledHardAndClientsResumeOnANewOne() throws Exception
    {
        try (JournalFixture fixture = new JournalFixture(dir.resolve("journal")))
        {
            fixture.append(5_000);
            final List<Client> clients = List.of(
                new Client(Subscribe.newBuilder().addSymbols("AAA").build(), Set.of(0)),
                new Client(Subscribe.newBuilder().setAll(true).build(), Set.of(0, 1, 2)),
                new Client(Subscribe.newBuilder().addSymbols("BBB").addSymbols("CCC").setMaxUpdatesPerSecond(0).build(), Set.of(1, 2)));

            Process server = startServer("first");
            try
            {
                final int port = portOf(server, "first");
                for (final Client client : clients)
                {
                    client.subscribe(port);
                }
                for (int round = 0; round < 5; round++)
                {
                    fixture.append(3_000);
                    for (final Client client : clients)
                    {
                        client.readUntil(fixture.appender.lastSequence());
                    }
                }
                // more than the clients have seen, then the server dies without a goodbye
                fixture.append(2_000);
            }
            finally
            {
                server.destroyForcibly();
                assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server process ended");
            }
            fixture.append(4_000);

            server = startServer("second");
            try
            {
                final int port = portOf(server, "second");
                for (final Client client : clients)
                {
                    client.resume(port);
                }
                fixture.append(3_000);
                for (final Client client : clients)
                {
                    client.readUntil(fixture.appender.lastSequence());
                }
            }
            finally
            {
                server.destroyForcibly();
                server.waitFor(30, TimeUnit.SECONDS);
            }

            for (final Client client : clients)
            {
                client.close();
                assertEquals(JournalTruth.ticks(fixture.journal, client.effective, client.covered, client.instruments), client.ticks,
                    "every tick of " + client.subscription.getSymbolsList() + (client.subscription.getAll() ? "all" : "") +
                    " exactly once, in order, across the restart");
            }
        }
    }

    private Process startServer(final String name) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!argument.startsWith("-agentlib") && !argument.startsWith("-javaagent"))
            {
                command.add(argument);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TickerCli.class.getName(),
            "serve", "--data", dir.toString(), "--port", "0", "--heartbeat-ms", "50"));
        return new ProcessBuilder(command)
            .redirectError(Files.createFile(dir.resolve(name + "-server.log")).toFile())
            .start();
    }

    private int portOf(final Process server, final String name) throws IOException
    {
        final BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); null != line; line = out.readLine())
        {
            final Matcher matcher = DASHBOARD.matcher(line);
            if (matcher.find())
            {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return fail("the server process ended before it listened:\n" + Files.readString(dir.resolve(name + "-server.log")));
    }

    /** A client that keeps what a real one keeps across connections: its covered sequence and ticks. */
    private static final class Client
    {
        final Subscribe subscription;
        final Set<Integer> instruments;
        final List<Tick> ticks = new ArrayList<>();
        WebSocketTestClient socket;
        long effective;
        long covered;

        Client(final Subscribe subscription, final Set<Integer> instruments)
        {
            this.subscription = subscription;
            this.instruments = instruments;
        }

        void subscribe(final int port)
        {
            socket = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"));
            socket.send(ClientMessage.newBuilder().setSubscribe(subscription.toBuilder().setRequestId(1)).build());
            effective = socket.next().getSubscribed().getEffectiveSequence();
            assertTrue(socket.next().hasSnapshot());
            covered = effective - 1;
        }

        void resume(final int port)
        {
            socket.abort();
            socket = WebSocketTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"));
            socket.send(ClientMessage.newBuilder()
                .setResume(Resume.newBuilder().setRequestId(2).setLastSequence(covered).addSubscriptions(subscription))
                .build());
            final ServerMessage ack = socket.next();
            assertEquals(covered + 1, ack.getSubscribed().getEffectiveSequence(), ack.toString());
        }

        void readUntil(final long sequence)
        {
            while (covered < sequence)
            {
                final ServerMessage message = socket.nextAny();
                if (message.hasHeartbeat())
                {
                    covered = Math.max(covered, message.getHeartbeat().getScannedSequence());
                }
                else if (message.hasData())
                {
                    assertEquals(covered + 1, message.getData().getFirstSequence());
                    ticks.addAll(message.getData().getTicksList());
                    covered = message.getData().getLastSequence();
                }
            }
        }

        void close()
        {
            socket.abort();
        }
    }
}

package dev.ticker.benchmarks.abuse;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.Subscribe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one hostile address does to everyone else: it opens connections to a running server as
 * fast as it can, up to a number held open at once, while a bystander on another address streams
 * every symbol and a probe asks the admin listener's {@code /health} four times a second. Prints a
 * line a second: the bystander's frames and ticks, the slowest health answer (or how many timed
 * out), and what the attacker holds. The attack is one of:
 * <ul>
 *   <li>{@code half}: each connection sends half a WebSocket handshake and then nothing;</li>
 *   <li>{@code idle}: each connection sends nothing at all;</li>
 *   <li>{@code refused}: each connection sends a whole handshake, which the server refuses once the
 *       address holds its connections per address; a connection the server closes is replaced.</li>
 * </ul>
 *
 * <pre>
 *   java @ticker-cli/target/app/jvm.options -cp "ticker-cli/target/app/lib/*:ticker-cli/target/app/lib-bench/*" \
 *     dev.ticker.benchmarks.abuse.HandshakeFlood half ws://127.0.0.1:8080/ws http://127.0.0.1:8081/health 19000 127.0.0.2 30
 * </pre>
 * Arguments: attack, the server's WebSocket URL, its health URL, connections held at once, the
 * attacker's local address (another loopback address than the bystander's 127.0.0.1), seconds.
 */
public final class HandshakeFlood
{
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    private static final long PROBE_EVERY_MS = 250;

    private HandshakeFlood()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length != 6)
        {
            System.err.println("usage: HandshakeFlood half|idle|refused WS_URL HEALTH_URL CONNECTIONS FROM_ADDRESS SECONDS");
            System.exit(2);
        }
        final String attack = args[0];
        final URI ws = URI.create(args[1]);
        final URI health = URI.create(args[2]);
        final int connections = Integer.parseInt(args[3]);
        final InetAddress from = InetAddress.getByName(args[4]);
        final int seconds = Integer.parseInt(args[5]);

        final Bystander bystander = new Bystander();
        final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, bystander).get(30, TimeUnit.SECONDS);
        socket.sendBinary(ByteBuffer.wrap(ClientMessage.newBuilder()
            .setSubscribe(Subscribe.newBuilder().setRequestId(1).setAll(true)).build().toByteArray()), true);

        final HealthProbe probe = new HealthProbe(health);
        final Thread probeThread = new Thread(probe, "health-probe");
        probeThread.setDaemon(true);
        probeThread.start();

        final Attacker attacker = new Attacker(attack, ws, from, connections);
        final Thread attackThread = new Thread(attacker, "attacker");
        attackThread.setDaemon(true);

        System.out.printf("%4s %9s %10s %12s %8s %9s %9s %9s%n",
            "s", "frames/s", "ticks/s", "health max", "failed", "held", "opened", "closed");
        final long start = System.nanoTime();
        for (int second = 1; second <= seconds; second++)
        {
            if (second == 3)
            {
                attackThread.start(); // two quiet seconds first: the bystander's rate before the attack
            }
            final long until = start + TimeUnit.SECONDS.toNanos(second);
            while (System.nanoTime() < until)
            {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            }
            final long maxMs = probe.maxMs.getAndSet(-1);
            System.out.printf("%4d %9d %10d %12s %8d %9d %9d %9d%n", second, bystander.frames.getAndSet(0),
                bystander.ticksBytes.getAndSet(0), maxMs < 0 ? "-" : maxMs + " ms", probe.timeouts.getAndSet(0),
                attacker.held, attacker.opened.get(), attacker.closedByServer.get());
        }
        attacker.stop = true;
        attackThread.join(10_000);
        socket.abort();
        System.exit(0);
    }

    /** Counts what the bystander receives; "ticks/s" is approximated by the frames' bytes (~16 B a tick). */
    private static final class Bystander implements WebSocket.Listener
    {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong ticksBytes = new AtomicLong();

        @Override
        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            if (last)
            {
                frames.incrementAndGet();
            }
            ticksBytes.addAndGet(data.remaining() / 16);
            webSocket.request(1);
            return null;
        }
    }

    /** Asks /health every 250 ms on a new connection, as a load balancer's check does; the slowest answer of the second, or a timeout after 2 s. */
    private static final class HealthProbe implements Runnable
    {
        final AtomicLong maxMs = new AtomicLong(-1);
        final AtomicLong timeouts = new AtomicLong();
        private final URI health;

        HealthProbe(final URI health)
        {
            this.health = health;
        }

        @Override
        public void run()
        {
            final byte[] request = ("GET " + health.getPath() + " HTTP/1.1\r\nHost: " + health.getHost() + ":" + health.getPort() +
                "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            final int timeoutMs = (int)HEALTH_TIMEOUT.toMillis();
            while (true)
            {
                final long t0 = System.nanoTime();
                try (Socket socket = new Socket())
                {
                    socket.connect(new InetSocketAddress(health.getHost(), health.getPort()), timeoutMs);
                    socket.setSoTimeout(timeoutMs);
                    socket.getOutputStream().write(request);
                    if (socket.getInputStream().read() < 0)
                    {
                        throw new IOException("closed without an answer");
                    }
                    maxMs.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), Math::max);
                }
                catch (final IOException ex)
                {
                    timeouts.incrementAndGet();
                }
                final long sleepMs = PROBE_EVERY_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                if (sleepMs > 0)
                {
                    try
                    {
                        Thread.sleep(sleepMs);
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                }
            }
        }
    }

    /** Holds up to {@code connections} connections from one address, replacing those the server closes. */
    private static final class Attacker implements Runnable
    {
        final AtomicLong opened = new AtomicLong();
        final AtomicLong closedByServer = new AtomicLong();
        volatile int held;
        volatile boolean stop;
        private final String attack;
        private final InetSocketAddress server;
        private final InetAddress from;
        private final int connections;
        private final byte[] request;

        Attacker(final String attack, final URI ws, final InetAddress from, final int connections)
        {
            this.attack = attack;
            this.server = new InetSocketAddress(ws.getHost(), ws.getPort());
            this.from = from;
            this.connections = connections;
            final String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
            final String whole = "GET " + ws.getPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort() +
                "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            this.request = switch (attack)
            {
                case "half" -> whole.substring(0, whole.indexOf("Upgrade")).getBytes(StandardCharsets.US_ASCII);
                case "idle" -> new byte[0];
                case "refused" -> whole.getBytes(StandardCharsets.US_ASCII);
                default -> throw new IllegalArgumentException("attack must be half, idle or refused: " + attack);
            };
        }

        @Override
        public void run()
        {
            final Set<SocketChannel> open = new HashSet<>();
            final ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);
            try (Selector selector = Selector.open())
            {
                while (!stop)
                {
                    while (held < connections && !stop)
                    {
                        final SocketChannel channel = SocketChannel.open();
                        channel.bind(new InetSocketAddress(from, 0));
                        channel.configureBlocking(false);
                        channel.connect(server);
                        channel.register(selector, SelectionKey.OP_CONNECT);
                        open.add(channel);
                        held++;
                        opened.incrementAndGet();
                        if (selector.selectNow() > 0)
                        {
                            handle(selector, sink, open);
                        }
                    }
                    selector.select(10);
                    handle(selector, sink, open);
                }
            }
            catch (final IOException ex)
            {
                System.err.println("attacker stopped: " + ex);
            }
            finally
            {
                for (final SocketChannel channel : open)
                {
                    try
                    {
                        channel.close();
                    }
                    catch (final IOException ignored)
                    {
                        // closing at the end of the run
                    }
                }
            }
        }

        private void handle(final Selector selector, final ByteBuffer sink, final Set<SocketChannel> open) throws IOException
        {
            final Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext())
            {
                final SelectionKey key = keys.next();
                keys.remove();
                final SocketChannel channel = (SocketChannel)key.channel();
                try
                {
                    if (key.isConnectable())
                    {
                        channel.finishConnect();
                        if (request.length > 0)
                        {
                            channel.write(ByteBuffer.wrap(request));
                        }
                        key.interestOps(SelectionKey.OP_READ);
                    }
                    else if (key.isReadable())
                    {
                        sink.clear();
                        if (channel.read(sink) < 0)
                        {
                            closed(key, channel, open);
                        }
                    }
                }
                catch (final IOException ex)
                {
                    closed(key, channel, open);
                }
            }
        }

        private void closed(final SelectionKey key, final SocketChannel channel, final Set<SocketChannel> open) throws IOException
        {
            key.cancel();
            open.remove(channel);
            channel.close();
            held--;
            closedByServer.incrementAndGet();
        }
    }
}

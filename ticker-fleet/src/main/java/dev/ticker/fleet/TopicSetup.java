package dev.ticker.fleet;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the fleet's topic when it does not exist, with the settings the fleet's guarantees need:
 * one partition (one order), replicated on up to three brokers, {@code min.insync.replicas} one
 * below that, no unclean leader election, and records kept until an operator deletes them (an edge
 * bootstraps from the first record). An existing topic is left as it is.
 */
public final class TopicSetup
{
    private static final long TIMEOUT_MS = 60_000;

    private TopicSetup()
    {
    }

    /** Creates the topic of {@code configuration} unless it exists; returns its replication factor when created, else 0. */
    public static int ensure(final FleetConfiguration configuration)
    {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, configuration.bootstrapServers())))
        {
            final int brokers = admin.describeCluster().nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            final short replication = (short)Math.min(3, brokers);
            final NewTopic topic = new NewTopic(configuration.topic(), 1, replication).configs(Map.of(
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(Math.max(1, replication - 1)),
                TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false",
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(4 << 20)));
            try
            {
                admin.createTopics(List.of(topic)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                return replication;
            }
            catch (final ExecutionException ex)
            {
                if (ex.getCause() instanceof TopicExistsException)
                {
                    return 0;
                }
                throw new IllegalArgumentException("topic=" + configuration.topic() + ": cannot be created on " +
                    configuration.bootstrapServers() + ": " + ex.getCause(), ex.getCause());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + configuration.topic(), ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IllegalArgumentException("kafka=" + configuration.bootstrapServers() + ": no broker answered within " +
                TIMEOUT_MS + " ms (" + ex + ")", ex);
        }
    }
}

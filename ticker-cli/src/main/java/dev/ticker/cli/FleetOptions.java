package dev.ticker.cli;

import dev.ticker.fleet.FleetConfiguration;
import picocli.CommandLine.Option;

/** Where the fleet's topic is: the options that every command taking part in a fleet shares. */
final class FleetOptions
{
    @Option(names = "--kafka", paramLabel = "HOST:PORT[,HOST:PORT...]",
        description = "Kafka brokers of the fleet's topic.")
    String kafka;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "ticker",
        description = "The topic that carries the journal (default: ${DEFAULT-VALUE}).")
    String topic;

    boolean enabled()
    {
        return null != kafka;
    }

    FleetConfiguration configuration()
    {
        return new FleetConfiguration().bootstrapServers(kafka).topic(topic).validate();
    }
}

package dev.ticker.cli;

import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.config.ServerSettings;
import dev.ticker.server.config.Setting;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The server's command-line flags, built from {@link ServerSettings} so that each flag's name,
 * default and meaning are the setting's own. A command that runs a server names this class as its
 * {@code modelTransformer} and reads its settings back with {@link #configuration(CommandSpec)}.
 */
final class ServerOptions implements IModelTransformer
{
    @Override
    public CommandSpec transform(final CommandSpec command)
    {
        for (final Setting<?> setting : ServerSettings.ALL)
        {
            if (null != setting.flag())
            {
                command.addOption(option(setting));
            }
        }
        return command;
    }

    /**
     * The server settings given on the command line of {@code command}, the others at their defaults.
     *
     * @throws IllegalArgumentException naming the first bad setting as {@code key=value: why}.
     */
    static ServerConfiguration configuration(final CommandSpec command)
    {
        final ServerConfiguration configuration = new ServerConfiguration();
        for (final Setting<?> setting : ServerSettings.ALL)
        {
            if (null != setting.flag())
            {
                final Object value = command.findOption(setting.flag()).getValue();
                if (null != value)
                {
                    setting.apply(configuration, value);
                }
            }
        }
        return configuration.validate();
    }

    private static OptionSpec option(final Setting<?> setting)
    {
        final OptionSpec.Builder option = OptionSpec.builder(setting.flag())
            .type(setting.type())
            .description(setting.description() + " " + facts(setting));
        if (null != setting.paramLabel())
        {
            option.paramLabel(setting.paramLabel());
        }
        if (setting.isList())
        {
            option.splitRegex(",");
        }
        else
        {
            option.defaultValue(String.valueOf(setting.defaultValue()));
        }
        return option.build();
    }

    /** The setting's key (as errors name it), its range and its default, in brackets after the description. */
    private static String facts(final Setting<?> setting)
    {
        final StringBuilder facts = new StringBuilder("[").append(setting.key());
        if (setting.isNumeric())
        {
            facts.append(": ").append(setting.rangeText());
        }
        // a number's range already says what a 0 means, so its default is the bare value
        facts.append("; default: ").append(setting.isNumeric() ? setting.defaultValue() : setting.defaultText());
        return facts.append(']').toString();
    }
}

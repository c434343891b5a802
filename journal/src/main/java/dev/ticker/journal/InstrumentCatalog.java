package dev.ticker.journal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.InstrumentList;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The instruments a journal's records refer to by id. Ids are dense (0, 1, 2, ...) and never
 * change: a writer that opens a journal with a new universe keeps the ids already given and adds
 * new symbols after them. Stored beside the queue as {@code instruments.pb}, replaced atomically.
 * Immutable.
 */
public final class InstrumentCatalog
{
    static final String FILE_NAME = "instruments.pb";

    private static final InstrumentCatalog EMPTY = new InstrumentCatalog(List.of());

    private final List<Instrument> instruments;
    private final Map<String, Instrument> bySymbol;

    private InstrumentCatalog(final List<Instrument> instruments)
    {
        this.instruments = Collections.unmodifiableList(instruments);
        final Map<String, Instrument> index = new HashMap<>();
        for (final Instrument instrument : instruments)
        {
            index.put(instrument.getSymbol(), instrument);
        }
        this.bySymbol = Collections.unmodifiableMap(index);
    }

    public static InstrumentCatalog empty()
    {
        return EMPTY;
    }

    /** Reads the catalogue of the journal in {@code journalDirectory}; empty if it has none yet. */
    public static InstrumentCatalog load(final Path journalDirectory)
    {
        final Path file = journalDirectory.resolve(FILE_NAME);
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException ex)
        {
            return EMPTY;
        }
        catch (final IOException ex)
        {
            throw new JournalException("instrument catalogue " + file + " cannot be read: " + TickJournal.describe(ex), ex);
        }
        try
        {
            final List<Instrument> list = InstrumentList.parseFrom(bytes).getInstrumentsList();
            for (int i = 0; i < list.size(); i++)
            {
                if (list.get(i).getId() != i)
                {
                    throw new JournalException("instrument catalogue " + file + " is corrupt: entry " + i +
                        " (" + list.get(i).getSymbol() + ") has id " + list.get(i).getId());
                }
            }
            return new InstrumentCatalog(new ArrayList<>(list));
        }
        catch (final InvalidProtocolBufferException ex)
        {
            throw new JournalException("instrument catalogue " + file + " is corrupt: " + ex.getMessage(), ex);
        }
    }

    /**
     * The catalogue with {@code definitions} merged in: known symbols keep their id (and take the
     * new facts), new symbols get the next ids in the order given. The ids in {@code definitions}
     * are ignored.
     */
    public InstrumentCatalog merge(final List<Instrument> definitions)
    {
        final List<Instrument> merged = new ArrayList<>(instruments);
        final Map<String, Integer> ids = new HashMap<>();
        for (final Instrument instrument : instruments)
        {
            ids.put(instrument.getSymbol(), instrument.getId());
        }
        for (final Instrument definition : definitions)
        {
            final Integer existing = ids.get(definition.getSymbol());
            if (null != existing)
            {
                merged.set(existing, definition.toBuilder().setId(existing).build());
            }
            else
            {
                final int id = merged.size();
                ids.put(definition.getSymbol(), id);
                merged.add(definition.toBuilder().setId(id).build());
            }
        }
        return new InstrumentCatalog(merged);
    }

    /** Writes the catalogue into the journal folder, replacing the old one atomically. */
    public void save(final Path journalDirectory)
    {
        final Path file = journalDirectory.resolve(FILE_NAME);
        final Path temp = journalDirectory.resolve(FILE_NAME + ".tmp");
        try
        {
            Files.write(temp, InstrumentList.newBuilder().addAllInstruments(instruments).build().toByteArray());
            try
            {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("instrument catalogue " + file + " cannot be written: " + TickJournal.describe(ex), ex);
        }
    }

    public int size()
    {
        return instruments.size();
    }

    /** The instrument with {@code id}, or null when there is none. */
    public Instrument byId(final int id)
    {
        return id >= 0 && id < instruments.size() ? instruments.get(id) : null;
    }

    /** The instrument with {@code symbol}, or null when there is none. */
    public Instrument bySymbol(final String symbol)
    {
        return bySymbol.get(symbol);
    }

    /** All instruments in id order. */
    public List<Instrument> instruments()
    {
        return instruments;
    }
}

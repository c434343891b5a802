package dev.ticker.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where an export goes ({@code ticker replay --out}, {@code ticker bars --out}): standard output,
 * or FILE written as FILE.partial and moved into place only once the export says it is complete,
 * so that FILE is never half-written; an export that did not complete leaves nothing behind.
 */
final class ExportOutput implements AutoCloseable
{
    private final Path target;
    private final Path partial;
    private final OutputStream stream;
    private boolean complete;

    private ExportOutput(final Path target, final Path partial, final OutputStream stream)
    {
        this.target = target;
        this.partial = partial;
        this.stream = stream;
    }

    /**
     * Opens {@code outFile} (as its partial file), or standard output when it is null.
     *
     * @throws IllegalArgumentException naming --out when its folder is missing or the file cannot be written.
     */
    static ExportOutput open(final Path outFile)
    {
        if (null == outFile)
        {
            return new ExportOutput(null, null, standardOutput());
        }
        final Path target = outFile.toAbsolutePath().normalize();
        final Path partial = target.resolveSibling(target.getFileName() + ".partial");
        if (!Files.isDirectory(partial.getParent()))
        {
            throw new IllegalArgumentException("--out " + outFile + ": the folder " + partial.getParent() + " does not exist");
        }
        if (Files.isDirectory(target))
        {
            throw new IllegalArgumentException("--out " + outFile + ": is a folder; name the file to write");
        }
        try
        {
            return new ExportOutput(target, partial, new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16));
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("--out " + outFile + ": cannot be written (" + ex.getClass().getSimpleName() + ": " +
                ex.getMessage() + ")", ex);
        }
    }

    OutputStream stream()
    {
        return stream;
    }

    /** The file written, or null for standard output. */
    Path target()
    {
        return target;
    }

    /** The export is whole: on close the file takes its place. */
    void complete()
    {
        complete = true;
    }

    /** Closes the stream; then the finished file replaces FILE (in one rename where the file system allows it), or the partial one is deleted. */
    @Override
    public void close() throws IOException
    {
        try
        {
            stream.close();
        }
        finally
        {
            if (null != partial)
            {
                if (complete)
                {
                    moveIntoPlace();
                }
                else
                {
                    Files.deleteIfExists(partial);
                }
            }
        }
    }

    /** @throws IllegalArgumentException naming --out when FILE cannot be replaced; the partial file is deleted then. */
    private void moveIntoPlace() throws IOException
    {
        try
        {
            try
            {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            Files.deleteIfExists(partial);
            throw new IllegalArgumentException("--out " + target + ": cannot be replaced (" + ex.getClass().getSimpleName() + ": " +
                ex.getMessage() + "); nothing was written", ex);
        }
    }

    private static OutputStream standardOutput()
    {
        return new FilterOutputStream(System.out)
        {
            @Override
            public void write(final byte[] b, final int off, final int len) throws IOException
            {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException
            {
                // standard output stays open for whoever runs the command
                flush();
            }
        };
    }
}

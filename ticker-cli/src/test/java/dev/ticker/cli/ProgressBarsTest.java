package dev.ticker.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarsTest
{
    @Test
    void shouldWritePlainLinesWithWholeRatesWhenStandardErrorIsNoTerminal()
    {
        final StringWriter err = new StringWriter();
        try (ProgressBars progress = new ProgressBars(new PrintWriter(err, true), null))
        {
            progress.onStart("Replaying", 16_384, "records");
            progress.onProgress(16_384);
            progress.onEnd();
        }
        final List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), "one line at the end of a step shorter than the interval: " + lines);
        assertTrue(lines.get(0).matches("Replaying: 16,384 of 16,384 records \\(100 %\\), [0-9,]+ records/s, [0-9.]+ m?s"), lines.get(0));
        assertFalse(err.toString().contains("\u001b"), "no escape codes");
        assertFalse(err.toString().contains("\r"), "no carriage returns");
    }
}

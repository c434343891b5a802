package dev.ticker.server.security;

import java.util.Locale;

/**
 * One symbol an entitlement names: exact ({@code AAPL}) or a pattern where {@code *} stands for any
 * run of characters ({@code *.DE}, {@code EUR*}, {@code *}). Symbols compare case-sensitively, as the
 * journal stores them.
 */
public final class SymbolPattern
{
    private final String text;
    private final String[] parts;

    private SymbolPattern(final String text)
    {
        this.text = text;
        this.parts = text.split("\\*", -1);
    }

    /**
     * @throws IllegalArgumentException when the text is empty, or holds a character no symbol has.
     */
    public static SymbolPattern parse(final String text)
    {
        if (null == text || text.isBlank())
        {
            throw new IllegalArgumentException("an empty symbol pattern");
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c))
            {
                throw new IllegalArgumentException("symbol pattern '" + text + "': character " + (i + 1) +
                    " is " + String.format(Locale.ROOT, "U+%04X", (int)c) + ", not part of a symbol");
            }
        }
        return new SymbolPattern(text);
    }

    /** True when the symbol is this one, or fits the pattern. */
    public boolean matches(final String symbol)
    {
        if (1 == parts.length)
        {
            return text.equals(symbol);
        }
        if (!symbol.startsWith(parts[0]))
        {
            return false;
        }
        int from = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++)
        {
            final int at = symbol.indexOf(parts[i], from);
            if (at < 0)
            {
                return false;
            }
            from = at + parts[i].length();
        }
        final String last = parts[parts.length - 1];
        return symbol.length() - last.length() >= from && symbol.endsWith(last);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof SymbolPattern pattern && text.equals(pattern.text);
    }

    @Override
    public int hashCode()
    {
        return text.hashCode();
    }

    @Override
    public String toString()
    {
        return text;
    }
}

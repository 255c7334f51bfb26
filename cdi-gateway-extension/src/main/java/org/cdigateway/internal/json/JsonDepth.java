package org.cdigateway.internal.json;

/**
 * Measures how deeply a JSON text nests arrays and objects, in one pass over its characters and without parsing it, so
 * that a frame nested deeper than a gateway allows is refused before a parser or a JSON-B implementation recurses
 * into it.
 */
public final class JsonDepth {

    private JsonDepth() {}

    /** Whether {@code text} opens more than {@code max} arrays or objects inside one another (strings skipped). */
    public static boolean exceeds(String text, int max) {
        int n = text.length();
        if (n <= max) {
            return false; // too short to open more than max
        }
        // nesting takes an opening bracket per level: a text with at most max of them (a usual frame has a few) is
        // cleared by String.indexOf, which looks at many characters at a time, without walking it character by character
        int opens = count(text, '{', max);
        if (opens <= max) {
            opens += count(text, '[', max - opens);
            if (opens <= max) {
                return false;
            }
        }
        int depth = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                for (i++; i < n; i++) {
                    char s = text.charAt(i);
                    if (s == '\\') {
                        i++;
                    } else if (s == '"') {
                        break;
                    }
                }
            } else if (c == '[' || c == '{') {
                if (++depth > max) {
                    return true;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return false;
    }

    /** How often {@code c} occurs in {@code text}, counted up to one more than {@code limit}. */
    private static int count(String text, char c, int limit) {
        int count = 0;
        for (int i = text.indexOf(c); i >= 0 && count <= limit; i = text.indexOf(c, i + 1)) {
            count++;
        }
        return count;
    }
}

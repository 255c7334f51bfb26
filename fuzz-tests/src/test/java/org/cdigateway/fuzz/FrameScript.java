package org.cdigateway.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one fuzz input into the frames the end-to-end target sends: one frame per line, at most {@link #MAX_FRAMES}.
 * A line is a text frame; {@code !frag } before it sends the rest as one message in three fragments; {@code !bin }
 * sends the rest's UTF-8 bytes as a binary frame.
 */
record FrameScript(List<Step> steps) {

    static final int MAX_FRAMES = 8;
    static final String FRAGMENTED = "!frag ";
    static final String BINARY = "!bin ";

    enum Kind {
        TEXT, FRAGMENTED, BINARY
    }

    /** One frame to send. */
    record Step(Kind kind, String text) {

        byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        /** The text in three parts, never splitting a surrogate pair. */
        List<String> fragments() {
            int a = boundary(text.length() / 3);
            int b = boundary(2 * text.length() / 3);
            return List.of(text.substring(0, a), text.substring(a, b), text.substring(b));
        }

        private int boundary(int i) {
            return i > 0 && i < text.length() && Character.isHighSurrogate(text.charAt(i - 1)) ? i + 1 : i;
        }
    }

    static FrameScript of(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        List<Step> steps = new ArrayList<>();
        int start = 0;
        while (start <= text.length() && steps.size() < MAX_FRAMES) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
                if (start == end && !steps.isEmpty()) {
                    break; // the input ends with a newline
                }
            }
            steps.add(step(text.substring(start, end)));
            start = end + 1;
        }
        return new FrameScript(List.copyOf(steps));
    }

    private static Step step(String line) {
        if (line.startsWith(BINARY)) {
            return new Step(Kind.BINARY, line.substring(BINARY.length()));
        }
        if (line.startsWith(FRAGMENTED)) {
            return new Step(Kind.FRAGMENTED, line.substring(FRAGMENTED.length()));
        }
        return new Step(Kind.TEXT, line);
    }
}

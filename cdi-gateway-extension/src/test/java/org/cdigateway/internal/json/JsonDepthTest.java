package org.cdigateway.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class JsonDepthTest {

    private static String nested(String open, String close, int levels) {
        return open.repeat(levels) + close.repeat(levels);
    }

    @Test
    void oneLevelMoreThanAllowedExceeds() {
        assertThat(JsonDepth.exceeds(nested("[", "]", 64), 64)).isFalse();
        assertThat(JsonDepth.exceeds(nested("[", "]", 65), 64)).isTrue();
        assertThat(JsonDepth.exceeds(nested("{\"a\":", "}", 65), 64)).isTrue();
        assertThat(JsonDepth.exceeds("{\"event\":\"e\",\"data\":" + nested("[", "]", 70) + "}", 64)).isTrue();
    }

    @Test
    void objectsAndArraysCountTogether() {
        String mixed = "{\"a\":[".repeat(33) + "]}".repeat(33); // 66 levels, 33 of each kind
        assertThat(JsonDepth.exceeds(mixed, 64)).isTrue();
        assertThat(JsonDepth.exceeds(mixed, 66)).isFalse();
    }

    @Test
    void manyBracketsSideBySideDoNotNest() {
        // more opening brackets than the limit, so the text is walked: siblings are one level deep each
        String wide = "[" + "{\"a\":[1]},".repeat(200) + "{}]";
        assertThat(JsonDepth.exceeds(wide, 64)).isFalse();
        assertThat(JsonDepth.exceeds(wide, 2)).isTrue();
    }

    @Test
    void bracketsInStringsDoNotCount() {
        String quoted = "{\"data\":\"" + "[{".repeat(100) + "\\\"" + "[".repeat(100) + "\"}";
        assertThat(JsonDepth.exceeds(quoted, 64)).isFalse();
        assertThat(JsonDepth.exceeds("[\"\\\\\"," + nested("[", "]", 65) + "]", 64)).isTrue(); // an escaped backslash
    }

    @Test
    void agreesWithAPlainCountOnRandomTexts() {
        Random random = new Random(42);
        String alphabet = "[]{}\"\\a:,";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            int max = random.nextInt(12);
            assertThat(JsonDepth.exceeds(text, max)).as("%s, max %d", text, max).isEqualTo(plainDepth(text) > max);
        }
    }

    /** The deepest nesting, strings skipped, the way a reader would count it. */
    private static int plainDepth(String text) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }
}

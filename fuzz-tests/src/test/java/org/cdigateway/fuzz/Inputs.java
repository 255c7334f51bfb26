package org.cdigateway.fuzz;

/** How findings show inputs: printable, escaped like a Java string, and shortened in the middle when long. */
final class Inputs {

    static final int SHOWN = 400;

    private Inputs() {}

    static String show(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), SHOWN) + 32).append('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (length > SHOWN && i == SHOWN / 2) {
                sb.append("\"...(").append(length - SHOWN).append(" chars)...\"");
                i = length - SHOWN / 2;
            }
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append("\" (").append(length).append(" chars)").toString();
    }
}

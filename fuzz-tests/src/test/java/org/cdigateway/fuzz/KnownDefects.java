package org.cdigateway.fuzz;

import java.nio.charset.MalformedInputException;
import java.util.Optional;

import jakarta.json.stream.JsonParsingException;

import org.cdigateway.fuzz.CodecWalk.Departure;

/**
 * The allow-list of defects the fuzzers have found and that are not fixed yet. While a defect is listed here, a
 * failure it explains is counted in the run's summary instead of failing the run, so the build stays green, and a
 * frame it predicts to hang the server is not sent at all; with {@code -Dfuzz.strict=true} both fail like any other
 * finding. Each entry has a disabled regression test in {@link KnownDefectsTest}. When a defect is fixed, enable its
 * test and delete its entry; when the list is empty, delete the class.
 */
enum KnownDefects {

    SKIP_LOOPS_AT_EOF, SKIP_ACCEPTS_INVALID_JSON, CANCEL_STRUCTURE_READ_AS_FRAME, NUMBER_FORMAT_ESCAPES_PARSE, NUMBER_OUT_OF_RANGE_READ_AS_INFINITY, UNPAIRED_SURROGATE_WEDGES_CONNECTION;

    /** What is wrong, in one line. */
    String description() {
        return switch (this) {
            case SKIP_LOOPS_AT_EOF -> "FrameCodec#parse never returns when a member it skips holds an unclosed"
                    + " object or array: Parsson's skipObject/skipArray read past the end of the input forever";
            case SKIP_ACCEPTS_INVALID_JSON -> "FrameCodec#parse accepts a frame that is not JSON when the error is"
                    + " inside a member it skips: skipObject/skipArray only count brackets";
            case CANCEL_STRUCTURE_READ_AS_FRAME -> "FrameCodec#parse does not step over an object or array given as"
                    + " \"cancel\" and reads on inside it: {\"event\":\"a\",\"cancel\":{}} is answered BAD_FRAME";
            case NUMBER_FORMAT_ESCAPES_PARSE -> "FrameCodec#parse lets the NumberFormatException of a number whose"
                    + " exponent does not fit an int (1e9999999999) escape instead of answering BAD_FRAME";
            case NUMBER_OUT_OF_RANGE_READ_AS_INFINITY -> "A number beyond the range of double (1e400) is bound to a"
                    + " double as Infinity instead of failing with VALIDATION_FAILED; a reply echoing it cannot be"
                    + " encoded";
            case UNPAIRED_SURROGATE_WEDGES_CONNECTION -> "A reply or error frame holding an unpaired surrogate (a"
                    + " \\udXXX escape echoed in the event or the data) fails to encode in Tyrus with an Error that"
                    + " escapes the dispatcher: no answer, and the connection sends nothing more";
        };
    }

    // tag::explains[]
    /** Whether this defect explains {@code t} (one exception of a failure's chain, or null) on {@code input}. */
    private boolean explains(String input, Throwable t) {
        return switch (this) {
            case SKIP_LOOPS_AT_EOF -> t instanceof Hang
                    && inStack(t, "org.eclipse.parsson.JsonParserImpl$SkippingContext");
            case SKIP_ACCEPTS_INVALID_JSON -> readAs(t)
                    && CodecWalk.of(input) == Departure.SKIP_OVER_INVALID_JSON;
            case CANCEL_STRUCTURE_READ_AS_FRAME -> readAs(t) && CodecWalk.of(input) == Departure.CANCEL_STRUCTURE;
            case NUMBER_FORMAT_ESCAPES_PARSE -> t instanceof NumberFormatException
                    && inStack(t, "org.eclipse.parsson.JsonParserImpl");
            case NUMBER_OUT_OF_RANGE_READ_AS_INFINITY -> t instanceof NumberFormatException
                    && String.valueOf(t.getMessage()).contains("Infinite");
            case UNPAIRED_SURROGATE_WEDGES_CONNECTION -> t instanceof MalformedInputException
                    || !(t instanceof Exception) && CodecWalk.hasUnpairedSurrogate(input);
        };
    }
    // end::explains[]

    /**
     * The listed defect that explains {@code failure} (or one of its causes) of the gateway on {@code input} (a text
     * frame, or null), if any.
     */
    static Optional<KnownDefects> explaining(String input, Throwable failure) {
        String text = input == null ? "" : input;
        for (KnownDefects d : values()) {
            Throwable t = failure;
            do {
                if (d.explains(text, t)) {
                    return Optional.of(d);
                }
                t = t == null || t.getCause() == t ? null : t.getCause();
            } while (t != null);
        }
        return Optional.empty();
    }

    /**
     * The listed defect that would make the gateway hang on this text frame, if any; the harness does not send (or
     * parse) such a frame while the defect is tolerated, since the thread it hangs cannot be stopped.
     */
    static Optional<KnownDefects> hanging(String frame) {
        return CodecWalk.of(frame) == Departure.SKIP_NEVER_ENDS ? Optional.of(SKIP_LOOPS_AT_EOF) : Optional.empty();
    }

    /**
     * The listed defect that would leave this text frame without an answer over a connection, if any: the
     * end-to-end harness does not send such a frame while the defect is tolerated, since the wait for an answer
     * that cannot come would take most of a short run.
     */
    static Optional<KnownDefects> unanswered(String frame) {
        Optional<KnownDefects> hang = hanging(frame);
        if (hang.isPresent()) {
            return hang;
        }
        return CodecWalk.hasUnpairedSurrogate(frame)
                ? Optional.of(UNPAIRED_SURROGATE_WEDGES_CONNECTION)
                : Optional.empty();
    }

    /** Whether a failure explained by a listed defect passes: true unless {@code -Dfuzz.strict=true}. */
    static boolean tolerated() {
        return !Boolean.getBoolean("fuzz.strict");
    }

    /** A frame read differently than strict JSON reads it: no exception, or the strict reader's. */
    private static boolean readAs(Throwable t) {
        return t == null || t instanceof JsonParsingException;
    }

    private static boolean inStack(Throwable t, String className) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}

package org.cdigateway.junit5;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the deployment of a {@link GatewayTest} failed; injected into test methods of classes whose gateways are meant
 * to be rejected.
 *
 * <pre>{@code
 * @Test
 * void rejectsSecondHandlerForSameEvent(DeploymentFailure failure) {
 *     assertThat(failure.ids()).containsExactly("GW-0102");
 *     assertThat(failure.message()).contains("TwiceGateway#first", "TwiceGateway#second");
 * }
 * }</pre>
 */
public final class DeploymentFailure {

    private static final Pattern ID = Pattern.compile("GW-\\d{4}");
    private static final String REPORT = "CDI Gateway found ";

    private final Throwable cause;
    private final String message;

    DeploymentFailure(Throwable cause) {
        this.cause = cause;
        this.message = report(cause);
    }

    /** The exception the runtime's start failed with. */
    public Throwable cause() {
        return cause;
    }

    /** The report listing every problem (or, for other failures, every message in the cause chain). */
    public String message() {
        return message;
    }

    /** The ID of each problem, in the order reported; one entry per problem. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(message);
        while (m.find()) {
            ids.add(m.group());
        }
        return ids;
    }

    private static String report(Throwable root) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> all = new ArrayList<>();
        collect(root, seen, all);
        for (Throwable t : all) {
            String m = t.getMessage();
            if (m != null && m.startsWith(REPORT)) {
                return m;
            }
        }
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t : all) {
            if (t.getMessage() != null) {
                messages.add(t.getMessage());
            }
        }
        return String.join("\n", messages);
    }

    private static void collect(Throwable t, Set<Throwable> seen, List<Throwable> out) {
        if (t == null || !seen.add(t)) {
            return;
        }
        out.add(t);
        collect(t.getCause(), seen, out);
        for (Throwable s : t.getSuppressed()) {
            collect(s, seen, out);
        }
    }

    @Override
    public String toString() {
        return message;
    }

}

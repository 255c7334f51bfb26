package org.cdigateway.internal.dispatch;

import java.util.ArrayList;
import java.util.List;

/**
 * A gateway path such as {@code /chat/{room}}: its variables, and a normalized form in which two templates that match
 * the same URIs are equal ({@code /chat/{room}} and {@code /chat/{id}} both become {@code /chat/{}}).
 */
public record PathTemplate(String path, List<String> variables, String normalized) {

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException with a description of the problem, worded to follow "which ..."
     */
    public static PathTemplate parse(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("does not start with '/'");
        }
        List<String> variables = new ArrayList<>();
        StringBuilder normalized = new StringBuilder();
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty() && i < segments.length - 1) {
                throw new IllegalArgumentException("has an empty segment ('//')");
            }
            normalized.append('/');
            if (s.startsWith("{") && s.endsWith("}") && s.length() > 2) {
                String name = s.substring(1, s.length() - 1);
                if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
                    throw new IllegalArgumentException("has a malformed variable '" + s + "'");
                }
                if (variables.contains(name)) {
                    throw new IllegalArgumentException("declares the variable {" + name + "} twice");
                }
                variables.add(name);
                normalized.append("{}");
            } else if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
                throw new IllegalArgumentException("has the segment '" + s
                        + "', but a variable must be a whole segment such as {room}");
            } else {
                normalized.append(s);
            }
        }
        return new PathTemplate(path, List.copyOf(variables), normalized.toString());
    }
}

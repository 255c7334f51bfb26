package org.cdigateway.tck.cdi;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** The methods {@link TaggingInterceptor} intercepted, in order. */
@ApplicationScoped
public class Invocations {

    private final List<String> methods = new ArrayList<>();

    public synchronized void record(String method) {
        methods.add(method);
    }

    public synchronized List<String> methods() {
        return List.copyOf(methods);
    }
}

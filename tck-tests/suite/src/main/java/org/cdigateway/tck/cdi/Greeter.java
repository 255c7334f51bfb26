package org.cdigateway.tck.cdi;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/** A plain application service injected into the gateway: one instance for the whole application. */
@ApplicationScoped
public class Greeter {

    private final String instance = UUID.randomUUID().toString();
    private final AtomicInteger greetings = new AtomicInteger();

    public String greet(String name) {
        return "Hello, " + name + " (#" + greetings.incrementAndGet() + ")";
    }

    public String instance() {
        return instance;
    }
}

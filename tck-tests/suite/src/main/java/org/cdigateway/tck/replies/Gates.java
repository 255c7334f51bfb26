package org.cdigateway.tck.replies;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Replies held back until a test releases them, completed from another thread than the one that returned them. */
@ApplicationScoped
public class Gates {

    private final ConcurrentMap<String, CompletableFuture<String>> gates = new ConcurrentHashMap<>();

    private CompletableFuture<String> gate(String key) {
        return gates.computeIfAbsent(key, k -> new CompletableFuture<>());
    }

    /** A stage that completes when {@link #release} is called with the same key. */
    public CompletionStage<String> hold(String key) {
        return gate(key);
    }

    /** Completes the stage of the key, asynchronously, on a thread of the common pool. */
    public void release(String key, String value) {
        CompletableFuture<String> gate = gate(key);
        CompletableFuture.runAsync(() -> gate.complete(value));
    }
}

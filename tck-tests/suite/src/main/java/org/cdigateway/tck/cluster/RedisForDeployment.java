package org.cdigateway.tck.cluster;

import org.cdigateway.junit5.RedisServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A redis-server on a free loopback port, started before Arquillian deploys the test class's WAR and stopped after it
 * was undeployed, so the server's node connects once, at its start, and never sees Redis go away. Listed before
 * Arquillian's extension, whose callbacks it then surrounds:
 *
 * <pre>{@code
 * @ExtendWith({RedisForDeployment.class, ArquillianExtension.class})
 * }</pre>
 *
 * <p>
 * Where redis-server is not installed the test class is skipped before anything is deployed, unless the environment
 * variable {@code CI} is set: there it fails ({@link RedisServer#binary()}).
 */
public final class RedisForDeployment implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private static volatile RedisServer redis;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try {
            return ConditionEvaluationResult.enabled("redis-server is " + RedisServer.binary());
        } catch (TestAbortedException e) {
            return ConditionEvaluationResult.disabled(e.getMessage());
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        redis = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        RedisServer r = redis;
        redis = null;
        if (r != null) {
            r.close();
        }
    }

    /** {@code redis://127.0.0.1:<port>} of the running server. */
    public static String uri() {
        RedisServer r = redis;
        if (r == null) {
            throw new IllegalStateException("No redis-server: list RedisForDeployment before ArquillianExtension");
        }
        return r.uri();
    }
}

package org.cdigateway.internal.guard;

import java.lang.reflect.Method;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

import org.cdigateway.ExecutionContext;
import org.cdigateway.WsArgumentsHost;

/**
 * Makes {@link ExecutionContext} injectable. The object injected is a view of the call in progress on the calling
 * thread, so an interceptor or an application-scoped bean that keeps it always sees the current call. Added to the
 * deployment by the extension.
 */
public class ExecutionContextProducer {

    private static final ExecutionContext CURRENT = new ExecutionContext() {

        private ExecutionContext now() {
            Execution execution = Executions.current();
            if (execution == null) {
                throw new IllegalStateException("No gateway call is in progress on this thread; an ExecutionContext"
                        + " exists only while a gateway runs a guard, lifecycle method, handler or filter");
            }
            return execution;
        }

        @Override
        public Class<?> getGatewayClass() {
            return now().getGatewayClass();
        }

        @Override
        public Method getHandler() {
            return now().getHandler();
        }

        @Override
        public Phase getPhase() {
            return now().getPhase();
        }

        @Override
        public WsArgumentsHost switchToWs() {
            return now().switchToWs();
        }

        @Override
        public String toString() {
            Execution execution = Executions.current();
            return execution == null ? "ExecutionContext[none on this thread]" : execution.toString();
        }
    };

    @Produces
    @Dependent
    ExecutionContext current() {
        return CURRENT;
    }
}

package org.cdigateway.internal.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;

/**
 * Collects every mistake found in the gateways while the container discovers beans, so that the deployment fails
 * once, listing all of them, instead of one at a time.
 */
public final class DeploymentProblems {

    private static final Logger LOG = Logger.getLogger(DeploymentProblems.class.getName());

    private final List<DefinitionException> problems = new ArrayList<>();

    /** Records one problem. */
    public void add(DefinitionException problem) {
        problems.add(problem);
    }

    /** Whether nothing was recorded. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Every problem recorded so far. */
    public List<DefinitionException> all() {
        return List.copyOf(problems);
    }

    /**
     * Fails the deployment with one exception that lists every problem, when there is any.
     *
     * @return true when the deployment was failed
     */
    public boolean reportTo(AfterBeanDiscovery abd) {
        if (problems.isEmpty()) {
            return false;
        }
        DefinitionException all = combined();
        LOG.log(Level.SEVERE, all.getMessage());
        abd.addDefinitionError(all);
        return true;
    }

    /** One exception whose message lists every problem, one per line; each is also attached as suppressed. */
    public DefinitionException combined() {
        StringBuilder sb = new StringBuilder("CDI Gateway found ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append(" in the gateways of this deployment:");
        for (int i = 0; i < problems.size(); i++) {
            sb.append("\n  ").append(i + 1).append(". ").append(problems.get(i).getMessage());
        }
        DefinitionException all = new DefinitionException(sb.toString());
        problems.forEach(all::addSuppressed);
        return all;
    }
}

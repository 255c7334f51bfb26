package org.cdigateway.tck.embedded;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers the embedded runtime as an Arquillian container. */
public class EmbeddedRuntimeExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, EmbeddedRuntimeContainer.class);
    }
}

package org.cdigateway.internal.extension;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import org.cdigateway.internal.deployment.GatewayMessages;

/**
 * The application's own JSON-B for message bodies and replies: an unqualified {@link Jsonb} bean, else one made from
 * an unqualified {@link JsonbConfig} bean; none, and the gateways keep JSON-B's defaults.
 */
final class ApplicationJsonb {

    private ApplicationJsonb() {}

    /**
     * @throws DeploymentException GW-0127 when there are several of a kind
     */
    static Optional<Jsonb> find(BeanManager beans) {
        Object jsonb = one(beans, Jsonb.class);
        if (jsonb != null) {
            return Optional.of((Jsonb) jsonb);
        }
        Object config = one(beans, JsonbConfig.class);
        return config == null ? Optional.empty() : Optional.of(JsonbBuilder.create((JsonbConfig) config));
    }

    private static Object one(BeanManager beans, Class<?> type) {
        Set<Bean<?>> found = beans.getBeans(type);
        if (found.isEmpty()) {
            return null;
        }
        Bean<?> bean;
        try {
            bean = beans.resolve(found);
        } catch (RuntimeException ambiguous) {
            bean = null;
        }
        if (bean == null) {
            throw GatewayMessages.severalJsonb(found.stream().map(b -> b.getBeanClass().getName())
                    .sorted().collect(Collectors.joining(", ")) + " (" + type.getSimpleName() + ")");
        }
        return beans.getReference(bean, type, beans.createCreationalContext(bean));
    }
}

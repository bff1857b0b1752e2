package com.aiceo.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The services behind the gateway ({@code platform.services.<name>.url}, in the order they are
 * declared) and how long the aggregated health waits for each ({@code platform.health.timeout}).
 */
@ConfigurationProperties("platform")
public record PlatformServicesProperties(Map<String, Service> services, Health health) {

    public PlatformServicesProperties {
        services = services == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(services));
        services.forEach((name, service) -> {
            if (service == null || service.url() == null) {
                throw new IllegalArgumentException("platform.services." + name + ".url is required");
            }
        });
        health = health == null || health.timeout() == null ? new Health(Duration.ofSeconds(2)) : health;
    }

    /** A service's base URL, e.g. {@code http://crm-service:8083}. */
    public record Service(URI url) {
    }

    public record Health(Duration timeout) {
    }
}

package com.aiceo.gateway.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code GET /api/health}: {@code UP} only when every service reports {@code UP}.
 *
 * @param status   {@code UP} or {@code DOWN}
 * @param services each service's name and its readiness, {@code UP} or {@code DOWN}
 */
public record AggregatedHealth(String status, Map<String, String> services) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    public AggregatedHealth {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    static AggregatedHealth of(Map<String, String> services) {
        boolean allUp = services.values().stream().allMatch(UP::equals);
        return new AggregatedHealth(allUp ? UP : DOWN, services);
    }
}

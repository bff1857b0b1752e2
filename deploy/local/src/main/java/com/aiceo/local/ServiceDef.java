package com.aiceo.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One service the launcher starts: its Maven module (= jar name), its port, its URL variable and its
 * database schema (the gateway has none).
 */
public record ServiceDef(String module, int port, String urlVariable, String schema) {

    /** The platform's services in start order; the gateway routes to the other seven. */
    public static final List<ServiceDef> ALL = List.of(
            new ServiceDef("gateway-service", 8080, null, null),
            new ServiceDef("auth-service", 8081, "AUTH_SERVICE_URL", "auth"),
            new ServiceDef("ai-service", 8082, "AI_SERVICE_URL", "ai"),
            new ServiceDef("crm-service", 8083, "CRM_SERVICE_URL", "crm"),
            new ServiceDef("content-service", 8084, "CONTENT_SERVICE_URL", "content"),
            new ServiceDef("billing-service", 8085, "BILLING_SERVICE_URL", "billing"),
            new ServiceDef("task-worker-service", 8086, "TASK_WORKER_SERVICE_URL", "tasks"),
            new ServiceDef("agentic-service", 8087, "AGENTIC_SERVICE_URL", "agentic"));

    public static final String GATEWAY = "gateway-service";

    /** The gateway's port when {@code PORT_BASE} is not set; the others follow it (8081 … 8087). */
    public static final int DEFAULT_PORT_BASE = 8080;

    /** The same service with its port moved so that the gateway would listen on {@code portBase}. */
    public ServiceDef onPortBase(int portBase) {
        return new ServiceDef(module, portBase + (port - DEFAULT_PORT_BASE), urlVariable, schema);
    }

    /** Every service, ports moved to {@code portBase} (see {@link #onPortBase}). */
    public static List<ServiceDef> all(int portBase) {
        return ALL.stream().map(s -> s.onPortBase(portBase)).toList();
    }

    public boolean isGateway() {
        return GATEWAY.equals(module);
    }

    /** {@code <module>/target/<module>.jar} under the repository root. */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
    }

    /** The PostgreSQL role the service logs in as: it owns the service's schema and nothing else. */
    public String databaseRole() {
        return schema == null ? null : schema + "_service";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Finds a service by module name, accepting the short form too ({@code auth} = {@code auth-service}). */
    public static ServiceDef byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ServiceDef s : ALL) {
            if (s.module.equals(n) || s.module.equals(n + "-service")) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service '" + name + "'; known: "
                + String.join(", ", ALL.stream().map(ServiceDef::module).toList()));
    }
}

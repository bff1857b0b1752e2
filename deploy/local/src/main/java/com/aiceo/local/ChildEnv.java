package com.aiceo.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a service's environment and JVM command line (pure functions, unit-tested). */
public final class ChildEnv {

    /**
     * Sized for 2 cores and eight service JVMs next to the launcher: small heap, serial GC, C1 only,
     * one compiler thread, small thread stacks, class-data sharing on.
     */
    public static final String DEFAULT_JVM_OPTS = "-Xms32m -Xmx160m -XX:MaxMetaspaceSize=128m "
            + "-XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m -Xss512k -XX:+UseSerialGC "
            + "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xshare:auto -XX:+ExitOnOutOfMemoryError";

    private ChildEnv() {
    }

    /**
     * The launcher's own environment, then the platform's settings on top (they win over what the
     * launcher inherited, so a stray SERVER_PORT cannot move a service).
     */
    public static Map<String, String> build(Map<String, String> inherited, ServiceDef service, DatabaseTarget db,
            String kafkaBootstrap) {
        return build(inherited, service, db, kafkaBootstrap, ServiceDef.ALL);
    }

    /** As above, with every service's address taken from {@code services} (ports moved by PORT_BASE). */
    public static Map<String, String> build(Map<String, String> inherited, ServiceDef service, DatabaseTarget db,
            String kafkaBootstrap, List<ServiceDef> services) {
        Map<String, String> env = new LinkedHashMap<>(inherited);
        env.put("DB_HOST", db.host());
        env.put("DB_PORT", String.valueOf(db.port()));
        env.put("DB_NAME", db.database());
        env.put("DB_USER", db.user());
        env.put("DB_PASSWORD", db.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("SERVER_PORT", String.valueOf(service.port()));
        // clients reach the services through the gateway, which appends their address to X-Forwarded-For
        env.putIfAbsent("AUTH_TRUST_FORWARDED_FOR", "true");
        for (ServiceDef other : services) {
            if (other.urlVariable() != null) {
                env.put(other.urlVariable(), other.baseUrl());
            }
        }
        return env;
    }

    /** {@code LOCAL_JVM_OPTS} when set (split on white space), else {@link #DEFAULT_JVM_OPTS}. */
    public static List<String> jvmOptions(Map<String, String> env) {
        String opts = env.get("LOCAL_JVM_OPTS");
        if (opts == null || opts.isBlank()) {
            opts = DEFAULT_JVM_OPTS;
        }
        List<String> out = new ArrayList<>();
        for (String o : opts.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                out.add(o);
            }
        }
        return out;
    }

    public static List<String> command(String javaBinary, List<String> jvmOptions, String jar) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary);
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar);
        return cmd;
    }

    /** Reads an integer setting such as PG_PORT from the environment. */
    public static int intSetting(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0 || n > 65535 && name.endsWith("PORT")) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive number" + (name.endsWith("PORT")
                    ? " below 65536" : "") + ", got '" + v + "'");
        }
    }
}

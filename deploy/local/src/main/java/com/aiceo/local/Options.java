package com.aiceo.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line options of the launcher. */
public record Options(boolean reset, Path dataDir, List<ServiceDef> services, boolean help) {

    public static final String USAGE = """
            usage: deploy/local/run.sh [--reset] [--data DIR] [--only a,b,...]
              --reset        wipe the data folder (PostgreSQL, Kafka, logs) before starting
              --data DIR     data folder (default: .data under the repository root)
              --only a,b     start only these services (e.g. --only gateway,auth or gateway-service,auth-service)
              -h, --help     this text
            environment: DATABASE_URL (+ DB_USER, DB_PASSWORD) to use an existing PostgreSQL instead of the
              embedded one; PG_PORT (55432), KAFKA_PORT (9092), PORT_BASE (8080: the gateway's port, the
              services on the next seven), LOCAL_JVM_OPTS (service JVM options),
              LOCAL_START_TIMEOUT (seconds, 180); everything else is passed on to the services.""";

    /** Parses the arguments; relative paths resolve against {@code cwd} (the repository root). */
    public static Options parse(String[] args, Path cwd) {
        boolean reset = false;
        boolean help = false;
        Path data = cwd.resolve(".data");
        List<ServiceDef> services = ServiceDef.ALL;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--reset" -> reset = true;
                case "-h", "--help" -> help = true;
                case "--data" -> {
                    if (value == null) {
                        value = next(args, ++i, a);
                    }
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("--data needs a directory");
                    }
                    data = cwd.resolve(value);
                }
                case "--only" -> {
                    if (value == null) {
                        value = next(args, ++i, a);
                    }
                    services = selectServices(value);
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        return new Options(reset, data.toAbsolutePath().normalize(), services, help);
    }

    /** True when only some of the services run (the gateway's aggregated health then reports the rest down). */
    public boolean subset() {
        return services.size() < ServiceDef.ALL.size();
    }

    static List<ServiceDef> selectServices(String csv) {
        Set<ServiceDef> chosen = new LinkedHashSet<>();
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                chosen.add(ServiceDef.byName(part));
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--only needs at least one service");
        }
        // keep the canonical order whatever order was typed
        List<ServiceDef> ordered = new ArrayList<>();
        for (ServiceDef s : ServiceDef.ALL) {
            if (chosen.contains(s)) {
                ordered.add(s);
            }
        }
        return List.copyOf(ordered);
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

package com.aiceo.local;

import com.aiceo.infra.EmbeddedKafka;
import com.aiceo.infra.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one-command local run: PostgreSQL and Kafka embedded in this process, every service as its own
 * child JVM, readiness with a deadline, a banner, and a clean stop on Ctrl-C / SIGTERM.
 *
 * <p>Started by {@code deploy/local/run.sh} from the repository root.
 */
public final class LocalPlatform {

    static final int DEFAULT_PG_PORT = 55432;
    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int KAFKA_PARTITIONS = 3;
    static final Duration STOP_GRACE = Duration.ofSeconds(15);
    static final int LOG_TAIL_LINES = 20;

    private static final PrintStream out = System.out;

    private final Options options;
    private final Path repoRoot;
    private final Map<String, String> env;
    private final Instant launchedAt;
    private final Duration startTimeout;
    private final List<Child> children = new CopyOnWriteArrayList<>();
    private final List<ServiceDef> allServices;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    private final Object lifecycle = new Object();
    private final AtomicInteger signals = new AtomicInteger();
    private volatile boolean stopping;
    private boolean stopped;
    private EmbeddedPostgres postgres;
    private EmbeddedKafka kafka;
    private DatabaseTarget database;
    /** The launcher's environment plus the local secrets it generated: what every service inherits. */
    private Map<String, String> serviceEnv;
    /** Each service's own login (its role owns its schema only), set up once the database is up. */
    private final Map<String, DatabaseTarget> serviceDatabases = new java.util.concurrent.ConcurrentHashMap<>();

    /** A started service JVM. */
    static final class Child {
        final ServiceDef service;
        final Process process;
        final Path log;
        final long startedNanos;
        volatile boolean ready;
        volatile boolean reported;

        Child(ServiceDef service, Process process, Path log) {
            this.service = service;
            this.process = process;
            this.log = log;
            this.startedNanos = System.nanoTime();
        }
    }

    LocalPlatform(Options options, Path repoRoot, Map<String, String> env, Instant launchedAt) {
        // PORT_BASE moves every service's port (gateway = PORT_BASE, auth = PORT_BASE + 1, ...)
        int portBase = ChildEnv.intSetting(env, "PORT_BASE", ServiceDef.DEFAULT_PORT_BASE);
        this.allServices = ServiceDef.all(portBase);
        this.options = new Options(options.reset(), options.dataDir(),
                options.services().stream().map(s -> s.onPortBase(portBase)).toList(), options.help());
        this.repoRoot = repoRoot;
        this.env = env;
        this.launchedAt = launchedAt;
        this.startTimeout = Duration.ofSeconds(ChildEnv.intSetting(env, "LOCAL_START_TIMEOUT", 180));
    }

    public static void main(String[] args) {
        // the JVM's own start, not the process's: run.sh exec()s the launcher in its own process
        // after building, and the build must not count towards "started in" or the deadline
        Instant launchedAt = Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        Path cwd = Path.of("").toAbsolutePath();
        Options options;
        try {
            options = Options.parse(args, cwd);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.println(Options.USAGE);
            return;
        }
        int code;
        LocalPlatform platform = new LocalPlatform(options, cwd, System.getenv(), launchedAt);
        try {
            code = platform.run();
        } catch (StartupFailure e) {
            System.err.println("[local] " + e.getMessage());
            code = e.exitCode;
        }
        if (platform.signals.get() > 0) {
            sleep(Long.MAX_VALUE); // the signal handler's thread stops everything and exits with 128+signal
        }
        System.exit(code);
    }

    /** Starts everything, waits while it runs; returns the exit code. */
    int run() {
        prepareDataFolder();
        serviceEnv = new LinkedHashMap<>(env);
        serviceEnv.putAll(LocalSecrets.load(options.dataDir(), env));
        checkJars();
        cleanUpLeftovers();
        checkPorts();
        installStopHandlers();
        try {
            startDatabase();
            startKafka();
            startServices();
            if (!awaitReady()) {
                shutdown();
                return 1;
            }
            printBanner();
            return superviseUntilStopped();
        } catch (RuntimeException e) {
            System.err.println("[local] start-up failed: " + e.getMessage());
            Throwable c = e.getCause();
            while (c != null) {
                System.err.println("[local]   caused by: " + c);
                c = c.getCause();
            }
            shutdown();
            return 1;
        }
    }

    // ---------------------------------------------------------------- data folder, jars, ports

    private void prepareDataFolder() {
        Path data = options.dataDir();
        if (options.reset() && Files.exists(data)) {
            refuseDangerousReset(data);
            say("--reset: deleting " + data);
            deleteRecursively(data);
        }
        try {
            Files.createDirectories(data.resolve("logs"));
        } catch (IOException e) {
            throw new StartupFailure("cannot create data folder " + data + ": " + e.getMessage(), 2);
        }
        // logback (launcher.log) reads this when it first initialises, which is after this point
        System.setProperty("LOCAL_LOG_DIR", data.resolve("logs").toString());
    }

    private void refuseDangerousReset(Path data) {
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        if (data.getParent() == null || data.equals(home) || data.equals(repoRoot)
                || repoRoot.startsWith(data)) {
            throw new StartupFailure("refusing to --reset " + data + " (choose a dedicated --data folder)", 2);
        }
    }

    static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new StartupFailure("cannot delete " + dir + ": " + e.getMessage(), 2);
        }
    }

    private void checkJars() {
        List<String> missing = new ArrayList<>();
        for (ServiceDef s : options.services()) {
            if (!Files.isRegularFile(s.jar(repoRoot))) {
                missing.add(repoRoot.relativize(s.jar(repoRoot)).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupFailure("service jars missing: " + String.join(", ", missing)
                    + "\n[local] build them with: ./mvnw -B -DskipTests package   (deploy/local/run.sh does it for you)", 2);
        }
    }

    private Path pidFile() {
        return options.dataDir().resolve("launcher.pids");
    }

    /**
     * A launcher killed with SIGKILL leaves its service JVMs and its PostgreSQL running. Their ids are
     * in the pid file (and PostgreSQL's in postmaster.pid): stop those, and only those, before starting.
     */
    private void cleanUpLeftovers() {
        Path pids = pidFile();
        if (Files.exists(pids)) {
            try {
                List<String> lines = Files.readAllLines(pids);
                for (String line : lines) {
                    String[] parts = line.trim().split("\\s+");
                    if (parts.length < 2) {
                        continue;
                    }
                    long pid = Long.parseLong(parts[0]);
                    String what = parts[1];
                    Optional<ProcessHandle> ph = ProcessHandle.of(pid);
                    if (ph.isEmpty() || !ph.get().isAlive()) {
                        continue;
                    }
                    String cmd = ph.get().info().commandLine().orElse("");
                    if ("launcher".equals(what)) {
                        if (cmd.contains("local-launcher")) {
                            throw new StartupFailure("another launcher (pid " + pid + ") is running on data folder "
                                    + options.dataDir() + "; stop it first (Ctrl-C in its terminal, or kill " + pid + ")", 2);
                        }
                    } else if (cmd.contains(what + ".jar")) {
                        say("stopping " + what + " (pid " + pid + ") left over from an earlier run");
                        List<ProcessHandle> tree = new ArrayList<>(ph.get().descendants().toList());
                        tree.add(ph.get());
                        terminate(tree, STOP_GRACE);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                say("ignoring unreadable " + pids + ": " + e.getMessage());
            }
        }
        Path pgPid = options.dataDir().resolve("postgres").resolve("postmaster.pid");
        if (System.getenv("DATABASE_URL") == null && Files.exists(pgPid)) {
            try {
                long pid = Long.parseLong(Files.readAllLines(pgPid).get(0).trim());
                Optional<ProcessHandle> ph = ProcessHandle.of(pid);
                if (ph.isPresent() && ph.get().isAlive()
                        && ph.get().info().command().orElse("").contains("postgres")) {
                    say("stopping PostgreSQL (pid " + pid + ") left over from an earlier run");
                    // SIGINT = PostgreSQL's "fast" shutdown; SIGTERM would wait for clients
                    new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start().waitFor();
                    if (!ph.get().onExit().toCompletableFuture().completeOnTimeout(null, 20, TimeUnit.SECONDS)
                            .thenApply(p -> !ph.get().isAlive()).join()) {
                        ph.get().destroyForcibly();
                    }
                }
            } catch (IOException | RuntimeException e) {
                say("could not check " + pgPid + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void checkPorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        for (ServiceDef s : options.services()) {
            ports.put(s.port(), s.module());
        }
        if (System.getenv("DATABASE_URL") == null) {
            ports.put(pgPort(), "PostgreSQL (PG_PORT)");
        }
        ports.put(kafkaPort(), "Kafka (KAFKA_PORT)");
        for (Map.Entry<Integer, String> p : ports.entrySet()) {
            if (!portFree(p.getKey())) {
                throw new StartupFailure("port " + p.getKey() + " (" + p.getValue() + ") is already in use."
                        + " Is an earlier run still going? Find the owner with: ss -ltnp 'sport = :" + p.getKey() + "'", 2);
            }
        }
    }

    /** True if nothing listens on the port, on any address. */
    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress((InetAddress) null, port));
        } catch (IOException e) {
            return false;
        }
        try (java.net.Socket c = new java.net.Socket()) {
            c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return false; // something answers on loopback
        } catch (IOException e) {
            return true;
        }
    }

    private int pgPort() {
        return ChildEnv.intSetting(env, "PG_PORT", DEFAULT_PG_PORT);
    }

    private int kafkaPort() {
        return ChildEnv.intSetting(env, "KAFKA_PORT", DEFAULT_KAFKA_PORT);
    }

    // ---------------------------------------------------------------- infrastructure

    private void startDatabase() {
        String url = env.get("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            database = DatabaseTarget.fromUrl(url, env);
            say("PostgreSQL: using DATABASE_URL " + database.jdbcUrl() + " as " + database.user());
            ensureExternalDatabase(database);
            setUpServiceRoles();
            return;
        }
        long t0 = System.nanoTime();
        Path pgData = options.dataDir().resolve("postgres");
        boolean fresh = !Files.exists(pgData.resolve("PG_VERSION"));
        postgres = EmbeddedPostgres.start(pgPort(), pgData);
        postgres.createDatabase(DatabaseTarget.DEFAULT_DATABASE);
        database = new DatabaseTarget("127.0.0.1", postgres.port(), DatabaseTarget.DEFAULT_DATABASE,
                postgres.user(), postgres.password());
        setUpServiceRoles();
        say(String.format(Locale.ROOT, "PostgreSQL 15 on 127.0.0.1:%d (%s data in %s) - %.1f s", postgres.port(),
                fresh ? "new" : "existing", rel(pgData), secondsSince(t0)));
    }

    /**
     * One login role per service owning its schema only, with a fresh random password each run (handed
     * to that service alone), so no service can read another's tables. With a DATABASE_URL whose user
     * may not create roles, the services share that user and a warning says so.
     */
    private void setUpServiceRoles() {
        ensureExtensions();
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (ServiceDef s : options.services()) {
            if (s.schema() == null) {
                continue;
            }
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            try {
                com.aiceo.infra.ServiceRoles.ensure(database.jdbcUrl(), database.user(), database.password(),
                        s.schema(), s.databaseRole(), password);
                serviceDatabases.put(s.module(), database.as(s.databaseRole(), password));
            } catch (IllegalStateException e) {
                say("WARNING: " + e.getMessage() + " - " + s.module() + " uses " + database.user());
            }
        }
    }

    /**
     * Extensions a service role may use but not create: pg_trgm (crm-service's trigram index for lead
     * search). Created once by the administrator; without it the services still work, only slower.
     */
    private void ensureExtensions() {
        Properties p = new Properties();
        p.setProperty("user", database.user());
        p.setProperty("password", database.password());
        try (Connection c = new org.postgresql.Driver().connect(database.jdbcUrl(), p); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public");
        } catch (SQLException e) {
            say("WARNING: pg_trgm not available (" + e.getMessage() + "): lead search scans instead of using an index");
        }
    }

    private static void ensureExternalDatabase(DatabaseTarget db) {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password());
        p.setProperty("connectTimeout", "10");
        org.postgresql.Driver driver = new org.postgresql.Driver();
        try (Connection c = driver.connect(db.jdbcUrl(), p)) {
            return; // exists and reachable
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) { // 3D000 = database does not exist
                throw new IllegalStateException("cannot connect to " + db.jdbcUrl() + ": " + e.getMessage(), e);
            }
        }
        if (!db.database().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalStateException("database " + db.database() + " is missing and its name is not a plain identifier");
        }
        try (Connection c = driver.connect(db.jdbcUrl("postgres"), p); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + db.database() + "\"");
            say("created database " + db.database());
        } catch (SQLException e) {
            throw new IllegalStateException("database " + db.database() + " is missing and could not be created: "
                    + e.getMessage(), e);
        }
    }

    private void startKafka() {
        long t0 = System.nanoTime();
        Path kafkaData = options.dataDir().resolve("kafka");
        kafka = new EmbeddedKafka(kafkaPort(), kafkaData, KAFKA_PARTITIONS); // assigned first: a stop waits for start
        kafka.start();
        say(String.format(Locale.ROOT, "Kafka (KRaft) on %s (data in %s) - %.1f s", kafka.bootstrapServers(),
                rel(kafkaData), secondsSince(t0)));
    }

    // ---------------------------------------------------------------- services

    private void startServices() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvmOptions = ChildEnv.jvmOptions(env);
        Path logs = options.dataDir().resolve("logs");
        StringBuilder pids = new StringBuilder(ProcessHandle.current().pid() + " launcher\n");
        for (ServiceDef s : options.services()) {
            if (stopping) {
                return;
            }
            Path log = logs.resolve(s.module() + ".log");
            try {
                if (Files.exists(log)) {
                    Files.move(log, logs.resolve(s.module() + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
                }
                ProcessBuilder pb = new ProcessBuilder(ChildEnv.command(java, jvmOptions, s.jar(repoRoot).toString()))
                        .directory(repoRoot.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
                pb.environment().clear();
                pb.environment().putAll(ChildEnv.build(serviceEnv, s, serviceDatabases.getOrDefault(s.module(), database),
                        kafka.bootstrapServers(), allServices));
                Process p;
                synchronized (lifecycle) { // never start a service after shutdown() took its list
                    if (stopped) {
                        return;
                    }
                    p = pb.start();
                    children.add(new Child(s, p, log));
                }
                pids.append(p.pid()).append(' ').append(s.module()).append('\n');
                Files.writeString(pidFile(), pids.toString());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + s.module() + ": " + e.getMessage(), e);
            }
        }
        say("started " + children.size() + " service JVM(s) (" + String.join(" ", jvmOptions) + "), logs in "
                + rel(logs));
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Polls readiness until every service is ready and the gateway's aggregated health is UP. */
    private boolean awaitReady() {
        Instant deadline = launchedAt.plus(startTimeout);
        while (!stopping) {
            boolean allReady = true;
            for (Child c : children) {
                if (c.ready) {
                    continue;
                }
                if (!c.process.isAlive()) {
                    reportDeath(c);
                    System.err.println("[local] " + c.service.module() + " died during start-up; stopping everything.");
                    return false;
                }
                int status = get(c.service.baseUrl() + "/actuator/health/readiness").status;
                if (status == 200) {
                    c.ready = true;
                    say(String.format(Locale.ROOT, "  ready  %-20s http://127.0.0.1:%d   (%.1f s)", c.service.module(),
                            c.service.port(), secondsSince(c.startedNanos)));
                } else {
                    allReady = false;
                }
            }
            if (allReady) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                List<String> failing = new ArrayList<>();
                for (Child c : children) {
                    if (!c.ready) {
                        failing.add(c.service.module());
                    }
                }
                System.err.println("[local] not ready after " + startTimeout.toSeconds() + " s: "
                        + String.join(", ", failing) + " (see their logs in " + rel(options.dataDir().resolve("logs"))
                        + ")");
                for (Child c : children) {
                    if (!c.ready) {
                        printTail(c);
                    }
                }
                return false;
            }
            sleep(500);
        }
        if (stopping) {
            return false;
        }
        return awaitGatewayHealth(deadline);
    }

    private boolean awaitGatewayHealth(Instant deadline) {
        Optional<ServiceDef> gateway = options.services().stream().filter(ServiceDef::isGateway).findFirst();
        if (gateway.isEmpty()) {
            return true;
        }
        String url = gateway.get().baseUrl() + "/api/health";
        Response last = new Response(-1, null);
        while (!stopping) {
            last = get(url);
            if (last.status == 200) {
                return true;
            }
            // with --only, the gateway reports the services we did not start as down; that is expected
            if (options.subset() && last.body != null && !HealthReport.services(last.body).isEmpty()
                    && HealthReport.notUp(last.body, options.services()).isEmpty()) {
                return true;
            }
            for (Child c : children) {
                if (!c.process.isAlive()) {
                    reportDeath(c);
                    System.err.println("[local] " + c.service.module() + " died during start-up; stopping everything.");
                    return false;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                boolean reported = last.body != null && !HealthReport.services(last.body).isEmpty();
                List<String> notUp = reported ? HealthReport.notUp(last.body, options.services()) : List.of();
                System.err.println("[local] " + url + " did not answer 200 within " + startTimeout.toSeconds()
                        + " s (last answer: " + (last.status < 0 ? "no answer" : "HTTP " + last.status) + ")");
                if (!notUp.isEmpty()) {
                    System.err.println("[local] services not ready according to the gateway: " + String.join(", ", notUp));
                } else if (last.body != null) {
                    System.err.println("[local] body: " + abbreviate(last.body, 400));
                }
                return false;
            }
            sleep(500);
        }
        return false;
    }

    private record Response(int status, String body) {
    }

    private Response get(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Response(-1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, null);
        }
    }

    private void printBanner() {
        double took = Duration.between(launchedAt, Instant.now()).toMillis() / 1000.0;
        boolean gateway = options.services().stream().anyMatch(ServiceDef::isGateway);
        String line = "=".repeat(72);
        out.println(line);
        out.println(String.format(Locale.ROOT, "  AI CEO platform is up - started in %.0f s", took));
        if (gateway) {
            out.println("  console / API : http://localhost:8080");
            out.println("  health        : http://localhost:8080/api/health");
        } else {
            for (ServiceDef s : options.services()) {
                out.println(String.format(Locale.ROOT, "  %-20s: http://localhost:%d", s.module(), s.port()));
            }
        }
        out.println("  logs          : " + rel(options.dataDir().resolve("logs")) + "/<service>.log");
        out.println("  PostgreSQL    : " + database.jdbcUrl() + " (user " + database.user() + ")");
        out.println("  Kafka         : " + kafka.bootstrapServers());
        out.println("  data          : " + rel(options.dataDir()) + "   (wipe with --reset)");
        out.println("  Ctrl-C stops everything.");
        out.println(line);
    }

    /** After start-up: report services that die, until a stop is requested. */
    private int superviseUntilStopped() {
        while (!stopping) {
            boolean anyAlive = false;
            for (Child c : children) {
                if (c.process.isAlive()) {
                    anyAlive = true;
                } else if (!c.reported && !stopping) {
                    reportDeath(c);
                    System.err.println("[local] the other services keep running; Ctrl-C stops everything.");
                }
            }
            if (!anyAlive && !stopping) {
                System.err.println("[local] every service has stopped; shutting down.");
                shutdown();
                return 1;
            }
            sleep(1000);
        }
        // a signal handler is shutting down; the JVM exits from there
        sleep(Long.MAX_VALUE);
        return 0;
    }

    private void reportDeath(Child c) {
        if (c.reported) {
            return;
        }
        c.reported = true;
        System.err.println("[local] " + c.service.module() + " exited with code " + c.process.exitValue()
                + "; last " + LOG_TAIL_LINES + " lines of " + rel(c.log) + ":");
        for (String l : LogTail.last(c.log, LOG_TAIL_LINES)) {
            System.err.println("    | " + l);
        }
    }

    private void printTail(Child c) {
        System.err.println("[local] last " + LOG_TAIL_LINES + " lines of " + rel(c.log) + ":");
        for (String l : LogTail.last(c.log, LOG_TAIL_LINES)) {
            System.err.println("    | " + l);
        }
    }

    // ---------------------------------------------------------------- stopping

    /**
     * INT/TERM/HUP are handled here rather than only in a shutdown hook: shutdown hooks run in parallel,
     * and the PostgreSQL library's own hook would stop the database while the services still use it.
     * From the handler we stop services, then Kafka, then PostgreSQL, and only then exit. The shutdown
     * hook covers every other way the JVM may end.
     */
    private void installStopHandlers() {
        for (String name : List.of("INT", "TERM", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> onSignal(sig.getName(), 128 + sig.getNumber()));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // signal not available here (e.g. HUP on Windows): the shutdown hook covers it
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "local-platform-stop"));
    }

    private void onSignal(String name, int exitCode) {
        int n = signals.incrementAndGet();
        if (n == 1) {
            stopping = true;
            Thread t = new Thread(() -> {
                out.println();
                say("SIG" + name + ": stopping services, Kafka, PostgreSQL ...");
                shutdown();
                System.exit(exitCode);
            }, "local-platform-signal");
            t.start();
        } else if (n == 2) {
            say("still stopping (up to " + STOP_GRACE.toSeconds() + " s for the services); Ctrl-C again to kill them now");
        } else {
            say("killing the services now");
            for (Child c : children) {
                c.process.descendants().forEach(ProcessHandle::destroyForcibly);
                c.process.destroyForcibly();
            }
        }
    }

    /** Stops every service JVM (and its descendants), then Kafka, then PostgreSQL. Idempotent. */
    void shutdown() {
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            stopping = true;
            long t0 = System.nanoTime();
            List<ProcessHandle> all = new ArrayList<>();
            for (Child c : children) {
                // descendants first: once a child is gone its children are re-parented and unreachable
                c.process.descendants().forEach(all::add);
                all.add(c.process.toHandle());
            }
            if (!all.isEmpty()) {
                terminate(all, STOP_GRACE);
            }
            if (kafka != null) {
                runBounded("Kafka stop", kafka::stop, Duration.ofSeconds(30));
            }
            if (postgres != null) {
                runBounded("PostgreSQL stop", postgres::close, Duration.ofSeconds(30));
            }
            try {
                Files.deleteIfExists(pidFile());
            } catch (IOException e) {
                // harmless: the next start checks the pids it names
            }
            say(String.format(Locale.ROOT, "stopped in %.1f s", secondsSince(t0)));
        }
    }

    /** destroy() (SIGTERM) all, wait up to {@code grace}, then destroyForcibly() what is left. */
    static void terminate(List<ProcessHandle> processes, Duration grace) {
        for (ProcessHandle p : processes) {
            p.destroy();
        }
        long until = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : processes) {
            long left = until - System.nanoTime();
            if (left > 0) {
                try {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // timed out or interrupted: forced below
                }
            }
        }
        for (ProcessHandle p : processes) {
            if (p.isAlive()) {
                say("pid " + p.pid() + " did not stop within " + grace.toSeconds() + " s; killing it");
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // nothing more we can do
            }
        }
    }

    private static void runBounded(String what, Runnable action, Duration limit) {
        Thread t = new Thread(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                say(what + " failed: " + e.getMessage());
            }
        }, what);
        t.setDaemon(true);
        t.start();
        try {
            t.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            say(what + " did not finish within " + limit.toSeconds() + " s; going on");
        }
    }

    // ---------------------------------------------------------------- helpers

    static final class StartupFailure extends RuntimeException {
        final int exitCode;

        StartupFailure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    private String rel(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(repoRoot) && !abs.equals(repoRoot) ? repoRoot.relativize(abs).toString() : abs.toString();
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max) + "...";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void say(String message) {
        out.println("[local] " + message);
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}

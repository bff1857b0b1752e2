package com.aiceo.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Kafka broker and one real PostgreSQL per test JVM, started on first use and shared by
 * every test class of a module (like a cached Spring context). Embedded (in-process KRaft broker,
 * zonky PostgreSQL binaries) when no Docker engine is present, as on our build machines;
 * Testcontainers when one is. {@code TEST_INFRA=embedded|containers} forces a choice.
 *
 * <p>Tests may stop and restart Kafka ({@link KafkaHandle#stop()}/{@link KafkaHandle#start()}) to
 * prove that nothing is lost while it is away; the address stays the same.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final Object LOCK = new Object();
    private static KafkaHandle kafka;
    private static PostgresHandle postgres;

    private TestInfrastructure() {
    }

    /** A broker the test can take away and bring back. */
    public interface KafkaHandle {
        String bootstrapServers();

        void stop();

        void start();
    }

    /** A PostgreSQL server with a database named {@code aiceo}. */
    public record PostgresHandle(String host, int port, String database, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public static boolean useContainers() {
        String forced = System.getenv("TEST_INFRA");
        if ("embedded".equalsIgnoreCase(forced)) {
            return false;
        }
        if ("containers".equalsIgnoreCase(forced)) {
            return true;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
            return Containers.dockerAvailable();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public static KafkaHandle kafka() {
        synchronized (LOCK) {
            if (kafka == null) {
                kafka = useContainers() ? Containers.kafka() : embeddedKafka();
            }
            return kafka;
        }
    }

    public static PostgresHandle postgres() {
        synchronized (LOCK) {
            if (postgres == null) {
                postgres = useContainers() ? Containers.postgres() : embeddedPostgres();
            }
            return postgres;
        }
    }

    /**
     * Properties pointing a service that uses shared-events at the test infrastructure, with its
     * own schema; register them with {@code @DynamicPropertySource} or pass them to a
     * {@code SpringApplicationBuilder}.
     */
    public static Map<String, Object> serviceProperties(String schema) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("platform.schema", schema);
        p.putAll(infrastructureProperties());
        return p;
    }

    /** Database and broker addresses only: for a service whose schema is in its own configuration. */
    public static Map<String, Object> infrastructureProperties() {
        PostgresHandle pg = postgres();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("platform.database.host", pg.host());
        p.put("platform.database.port", pg.port());
        p.put("platform.database.name", pg.database());
        p.put("platform.database.user", pg.user());
        p.put("platform.database.password", pg.password());
        p.put("spring.kafka.bootstrap-servers", kafka().bootstrapServers());
        return p;
    }

    private static KafkaHandle embeddedKafka() {
        try {
            EmbeddedKafka k = new EmbeddedKafka(0, Files.createTempDirectory("test-kafka"), 3).start();
            Runtime.getRuntime().addShutdownHook(new Thread(k::stop, "test-kafka-stop"));
            return new KafkaHandle() {
                @Override
                public String bootstrapServers() {
                    return k.bootstrapServers();
                }

                @Override
                public void stop() {
                    k.stop();
                }

                @Override
                public void start() {
                    k.start();
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PostgresHandle embeddedPostgres() {
        EmbeddedPostgres pg = EmbeddedPostgres.start(0, null);
        pg.createDatabase("aiceo");
        // zonky closes the server in its own shutdown hook, after Spring contexts released their pools
        log.info("test PostgreSQL on port {}", pg.port());
        return new PostgresHandle("127.0.0.1", pg.port(), "aiceo", pg.user(), pg.password());
    }
}

package com.aiceo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvTest {

    private final DatabaseTarget db = new DatabaseTarget("127.0.0.1", 55432, "aiceo", "postgres", "postgres");

    @Test
    void platformSettingsWinOverInheritedOnesAndTheRestPassesThrough() {
        Map<String, String> inherited = Map.of("OPENAI_API_KEY", "sk-test", "SERVER_PORT", "9999", "PATH", "/usr/bin");
        Map<String, String> env = ChildEnv.build(inherited, ServiceDef.byName("crm"), db, "127.0.0.1:9092");
        assertThat(env).containsEntry("OPENAI_API_KEY", "sk-test")
                .containsEntry("PATH", "/usr/bin")
                .containsEntry("SERVER_PORT", "8083")
                .containsEntry("DB_HOST", "127.0.0.1")
                .containsEntry("DB_PORT", "55432")
                .containsEntry("DB_NAME", "aiceo")
                .containsEntry("DB_USER", "postgres")
                .containsEntry("DB_PASSWORD", "postgres")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    }

    @Test
    void aPortBaseMovesEveryServiceAndEveryAddress() {
        List<ServiceDef> moved = ServiceDef.all(18080);
        Map<String, String> env = ChildEnv.build(Map.of(), ServiceDef.byName("gateway").onPortBase(18080), db,
                "127.0.0.1:9092", moved);
        assertThat(moved).extracting(ServiceDef::port).containsExactly(18080, 18081, 18082, 18083, 18084, 18085, 18086, 18087);
        assertThat(env).containsEntry("SERVER_PORT", "18080")
                .containsEntry("AUTH_SERVICE_URL", "http://127.0.0.1:18081")
                .containsEntry("AGENTIC_SERVICE_URL", "http://127.0.0.1:18087");
    }

    @Test
    void everyServiceUrlIsSetForTheGateway() {
        Map<String, String> env = ChildEnv.build(Map.of(), ServiceDef.byName("gateway"), db, "127.0.0.1:9092");
        assertThat(env).containsEntry("SERVER_PORT", "8080")
                .containsEntry("AUTH_SERVICE_URL", "http://127.0.0.1:8081")
                .containsEntry("AI_SERVICE_URL", "http://127.0.0.1:8082")
                .containsEntry("CRM_SERVICE_URL", "http://127.0.0.1:8083")
                .containsEntry("CONTENT_SERVICE_URL", "http://127.0.0.1:8084")
                .containsEntry("BILLING_SERVICE_URL", "http://127.0.0.1:8085")
                .containsEntry("TASK_WORKER_SERVICE_URL", "http://127.0.0.1:8086")
                .containsEntry("AGENTIC_SERVICE_URL", "http://127.0.0.1:8087");
    }

    @Test
    void jvmOptionsDefaultAndOverride() {
        assertThat(ChildEnv.jvmOptions(Map.of())).contains("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(ChildEnv.jvmOptions(Map.of("LOCAL_JVM_OPTS", "  -Xmx256m   -XX:+UseG1GC ")))
                .containsExactly("-Xmx256m", "-XX:+UseG1GC");
        assertThat(ChildEnv.jvmOptions(Map.of("LOCAL_JVM_OPTS", " "))).contains("-Xmx160m");
        assertThat(ChildEnv.command("/jdk/bin/java", List.of("-Xmx1m"), "a/target/a.jar"))
                .containsExactly("/jdk/bin/java", "-Xmx1m", "-jar", "a/target/a.jar");
    }

    @Test
    void portSettings() {
        assertThat(ChildEnv.intSetting(Map.of(), "PG_PORT", 55432)).isEqualTo(55432);
        assertThat(ChildEnv.intSetting(Map.of("PG_PORT", "5433"), "PG_PORT", 55432)).isEqualTo(5433);
        assertThatThrownBy(() -> ChildEnv.intSetting(Map.of("KAFKA_PORT", "x"), "KAFKA_PORT", 9092))
                .hasMessageContaining("KAFKA_PORT");
        assertThatThrownBy(() -> ChildEnv.intSetting(Map.of("KAFKA_PORT", "70000"), "KAFKA_PORT", 9092))
                .hasMessageContaining("65536");
    }

    @Test
    void databaseUrlForms() {
        DatabaseTarget t = DatabaseTarget.fromUrl("jdbc:postgresql://db.internal:6543/crm?sslmode=require",
                Map.of("DB_USER", "app", "DB_PASSWORD", "s3cret"));
        assertThat(t).isEqualTo(new DatabaseTarget("db.internal", 6543, "crm", "app", "s3cret"));

        DatabaseTarget noDb = DatabaseTarget.fromUrl("jdbc:postgresql://localhost", Map.of());
        assertThat(noDb).isEqualTo(new DatabaseTarget("localhost", 5432, "aiceo", "postgres", ""));

        DatabaseTarget withCreds = DatabaseTarget.fromUrl("postgresql://u:p@h:1/x", Map.of("DB_USER", "ignored"));
        assertThat(withCreds).isEqualTo(new DatabaseTarget("h", 1, "x", "u", "p"));
        assertThat(withCreds.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/x");

        assertThatThrownBy(() -> DatabaseTarget.fromUrl("mysql://h/x", Map.of()))
                .hasMessageContaining("jdbc:postgresql://");
    }
}

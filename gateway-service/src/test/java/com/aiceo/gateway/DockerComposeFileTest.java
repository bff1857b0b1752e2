package com.aiceo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml (repository root) runs the whole platform: the infrastructure, every service
 * with its port, a readiness healthcheck and healthy dependencies; Prometheus scrapes every service.
 */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("..");

    /** name, port: the eight services. */
    private static final Map<String, Integer> SERVICES = Map.of(
            "gateway-service", 8080, "auth-service", 8081, "ai-service", 8082, "crm-service", 8083,
            "content-service", 8084, "billing-service", 8085, "task-worker-service", 8086, "agentic-service", 8087);

    private static Map<String, Object> services;

    @BeforeAll
    static void load() throws IOException {
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml"));
        services = map(compose.get("services"));
    }

    @Test
    void hasInfrastructureAndEveryService() {
        assertThat(services).containsKeys("kafka", "postgres", "prometheus", "grafana");
        assertThat(services).containsKeys(SERVICES.keySet().toArray(String[]::new));
    }

    @Test
    void infrastructureHasHealthchecks() {
        assertThat(String.valueOf(map(map(services.get("kafka")).get("healthcheck")).get("test")))
                .contains("kafka-broker-api-versions.sh");
        assertThat(String.valueOf(map(map(services.get("postgres")).get("healthcheck")).get("test")))
                .contains("pg_isready");
        // containers must be told to reach the broker as kafka:9092, not localhost
        assertThat(String.valueOf(map(map(services.get("kafka")).get("environment")).get("KAFKA_ADVERTISED_LISTENERS")))
                .contains("PLAINTEXT://kafka:9092");
    }

    @ParameterizedTest
    @CsvSource({"gateway-service", "auth-service", "ai-service", "crm-service", "content-service",
            "billing-service", "task-worker-service", "agentic-service"})
    void serviceIsBuiltExposedHealthCheckedAndWaitsForItsDependencies(String name) {
        Map<String, Object> service = map(services.get(name));
        int port = SERVICES.get(name);

        Map<String, Object> build = map(service.get("build"));
        assertThat(build.get("dockerfile")).isEqualTo("deploy/docker/Dockerfile");
        assertThat(map(build.get("args")).get("MODULE")).isEqualTo(name);
        assertThat(ROOT.resolve(String.valueOf(build.get("dockerfile")))).isRegularFile();

        assertThat(list(service.get("ports"))).as("%s ports", name)
                .anySatisfy(mapping -> assertThat(String.valueOf(mapping)).contains(String.valueOf(port)));

        Map<String, Object> healthcheck = map(service.get("healthcheck"));
        assertThat(String.valueOf(healthcheck.get("test"))).as("%s healthcheck", name)
                .contains("localhost:" + port + "/actuator/health/readiness");

        Map<String, Object> dependsOn = map(service.get("depends_on"));
        List<String> required = name.equals("gateway-service")
                ? SERVICES.keySet().stream().filter(other -> !other.equals(name)).toList()
                : List.of("kafka", "postgres");
        assertThat(dependsOn).as("%s depends_on", name).containsKeys(required.toArray(String[]::new));
        required.forEach(dependency -> assertThat(map(dependsOn.get(dependency)).get("condition"))
                .as("%s -> %s", name, dependency).isEqualTo("service_healthy"));

        if (!name.equals("gateway-service")) {
            Map<String, Object> env = map(service.get("environment"));
            assertThat(env).containsEntry("DB_HOST", "postgres").containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        }
    }

    @Test
    void gatewayReachesEveryServiceByItsContainerName() {
        Map<String, Object> env = map(map(services.get("gateway-service")).get("environment"));
        SERVICES.forEach((name, port) -> {
            if (!name.equals("gateway-service")) {
                String variable = name.toUpperCase().replace('-', '_') + "_URL";
                assertThat(env).as(variable).containsEntry(variable, "http://" + name + ":" + port);
            }
        });
    }

    @Test
    void prometheusScrapesEveryService() throws IOException {
        Map<String, Object> prometheus = yaml(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        List<Object> jobs = list(prometheus.get("scrape_configs"));
        String scrapeConfig = String.valueOf(jobs);
        SERVICES.forEach((name, port) -> assertThat(scrapeConfig).as("scrape target of %s", name)
                .contains(name + ":" + port));
        assertThat(jobs).anySatisfy(job -> assertThat(map(job).get("metrics_path")).isEqualTo("/actuator/prometheus"));

        assertThat(String.valueOf(map(services.get("prometheus")).get("volumes")))
                .contains("./deploy/prometheus/prometheus.yml");
        assertThat(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml")).isRegularFile();
        assertThat(ROOT.resolve("deploy/grafana/provisioning/dashboards/dashboards.yml")).isRegularFile();
        assertThat(Files.readString(ROOT.resolve("deploy/grafana/dashboards/platform.json")))
                .contains("http_server_requests_seconds_count", "outbox_backlog", "outbox_events_published_total",
                        "events_consumed_total", "jvm_memory_used_bytes");
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return map(new Yaml().load(reader));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}

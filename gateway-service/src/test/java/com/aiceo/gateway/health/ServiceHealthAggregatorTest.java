package com.aiceo.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.gateway.FakeService;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

class ServiceHealthAggregatorTest {

    private static final List<String> SERVICES = List.of("auth-service", "ai-service", "crm-service",
            "content-service", "billing-service", "task-worker-service", "agentic-service");

    private final List<FakeService> fakes = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopFakes() {
        release.countDown();
        fakes.forEach(FakeService::close);
    }

    private FakeService fake(String name, FakeService.Readiness readiness) {
        FakeService fake = FakeService.start(name, readiness);
        fakes.add(fake);
        return fake;
    }

    private static Map<String, URI> allAt(URI url) {
        Map<String, URI> services = new LinkedHashMap<>();
        SERVICES.forEach(name -> services.put(name, url));
        return services;
    }

    private static AggregatedHealth check(Map<String, URI> services, Duration timeout) {
        return new ServiceHealthAggregator(services, timeout, WebClient.create()).check().block(Duration.ofSeconds(20));
    }

    private static Map<String, String> allUpExcept(String down) {
        Map<String, String> expected = new LinkedHashMap<>();
        SERVICES.forEach(name -> expected.put(name, name.equals(down) ? "DOWN" : "UP"));
        return expected;
    }

    @Test
    void upWhenEveryServiceIsReady() {
        FakeService up = fake("up", FakeService.UP);

        AggregatedHealth health = check(allAt(up.url()), Duration.ofSeconds(2));

        assertThat(health.status()).isEqualTo("UP");
        assertThat(health.services()).containsExactlyEntriesOf(allUpExcept(null));
    }

    @Test
    void downWhenOneServiceAnswersOutOfService() {
        Map<String, URI> services = allAt(fake("up", FakeService.UP).url());
        services.put("crm-service", fake("crm", FakeService.OUT_OF_SERVICE).url());

        AggregatedHealth health = check(services, Duration.ofSeconds(2));

        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(health.services()).containsExactlyEntriesOf(allUpExcept("crm-service"));
    }

    @Test
    void downWhenNothingListens() {
        Map<String, URI> services = allAt(fake("up", FakeService.UP).url());
        services.put("billing-service", FakeService.closedPortUrl());

        AggregatedHealth health = check(services, Duration.ofSeconds(2));

        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(health.services()).containsExactlyEntriesOf(allUpExcept("billing-service"));
    }

    @Test
    void downWhenTheServiceDoesNotAnswerInTime() {
        Map<String, URI> services = allAt(fake("up", FakeService.UP).url());
        services.put("ai-service", fake("slow", exchange -> {
            awaitRelease();
            FakeService.UP.answer(exchange);
        }).url());

        long start = System.nanoTime();
        AggregatedHealth health = check(services, Duration.ofMillis(300));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(health.services()).containsExactlyEntriesOf(allUpExcept("ai-service"));
    }

    @Test
    void downWhenTheAnswerIsNotAnUpHealthDocument() {
        Map<String, URI> services = allAt(fake("up", FakeService.UP).url());
        services.put("auth-service", fake("html", exchange ->
                FakeService.send(exchange, 200, "text/html", "<html>hello</html>")).url());
        services.put("agentic-service", fake("down-200", exchange ->
                FakeService.send(exchange, 200, "application/json", "{\"status\":\"DOWN\"}")).url());

        AggregatedHealth health = check(services, Duration.ofSeconds(2));

        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(health.services()).containsEntry("auth-service", "DOWN")
                .containsEntry("agentic-service", "DOWN")
                .containsEntry("crm-service", "UP");
    }

    @Test
    void asksAllServicesAtOnce() {
        // each answer waits until all seven requests have arrived: only concurrent calls can all be UP
        CountDownLatch arrived = new CountDownLatch(SERVICES.size());
        FakeService gate = fake("gate", exchange -> {
            arrived.countDown();
            try {
                boolean all = arrived.await(4, TimeUnit.SECONDS);
                (all ? FakeService.UP : FakeService.OUT_OF_SERVICE).answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        AggregatedHealth health = check(allAt(gate.url()), Duration.ofSeconds(8));

        assertThat(health.status()).isEqualTo("UP");
        assertThat(health.services()).containsExactlyEntriesOf(allUpExcept(null));
    }

    @Test
    void readinessUrlIgnoresATrailingSlash() {
        assertThat(ServiceHealthAggregator.readinessUri(URI.create("http://crm-service:8083/")))
                .isEqualTo(URI.create("http://crm-service:8083/actuator/health/readiness"));
        assertThat(ServiceHealthAggregator.readinessUri(URI.create("http://crm-service:8083")))
                .isEqualTo(URI.create("http://crm-service:8083/actuator/health/readiness"));
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

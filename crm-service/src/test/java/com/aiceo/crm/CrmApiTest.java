package com.aiceo.crm;

import static org.awaitility.Awaitility.await;

import com.aiceo.testsupport.ServiceComponentTest;
import com.aiceo.testsupport.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of crm-service's API component tests (one shared Spring context on real PostgreSQL and Kafka): an
 * organization with a member's token per test, request helpers, and a reader of a topic's records.
 */
abstract class CrmApiTest extends ServiceComponentTest {

    @Value("${spring.kafka.bootstrap-servers}")
    protected String bootstrap;

    /** An organization of its own per test instance, and a member's token for it. */
    protected final UUID org = UUID.randomUUID();
    protected final UUID user = UUID.randomUUID();
    protected final String token = TestTokens.token(user, org, "member");

    /** The machine is shared and a cold JVM's first request can take seconds: wait longer than the default 5 s. */
    @org.junit.jupiter.api.BeforeEach
    void patientClient() {
        web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    protected static String tokenFor(UUID org) {
        return TestTokens.token(UUID.randomUUID(), org, "member");
    }

    protected WebTestClient.ResponseSpec get(String path) {
        return get(token, path);
    }

    protected WebTestClient.ResponseSpec get(String token, String path) {
        return web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    protected WebTestClient.ResponseSpec post(String path, Object body) {
        return post(token, path, body);
    }

    protected WebTestClient.ResponseSpec post(String token, String path, Object body) {
        return web.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    protected WebTestClient.ResponseSpec patch(String path, Object body) {
        return patch(token, path, body);
    }

    protected WebTestClient.ResponseSpec patch(String token, String path, Object body) {
        return web.patch().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    protected WebTestClient.ResponseSpec delete(String path) {
        return delete(token, path);
    }

    protected WebTestClient.ResponseSpec delete(String token, String path) {
        return web.delete().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    protected static String uniqueEmail() {
        return "lead-" + UUID.randomUUID() + "@example.com";
    }

    /** A valid lead body; {@code overrides} replace or add fields (a null value removes the field). */
    protected static Map<String, Object> lead(Object... overrides) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Grace Hopper");
        body.put("email", uniqueEmail());
        body.put("company", "Navy");
        body.put("source", "website");
        body.put("priority", "medium");
        body.put("status", "new");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                body.remove((String) overrides[i]);
            } else {
                body.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> createLead(String token, Map<String, Object> body) {
        return post(token, "/api/crm/leads", body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    protected Map<String, Object> createLead(Object... overrides) {
        return createLead(token, lead(overrides));
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> body(WebTestClient.ResponseSpec response) {
        return response.expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Waits (up to 30 s) until the records of {@code topic} keyed by {@code key}, in order, satisfy {@code check}. */
    protected void awaitRecords(String topic, String key, Consumer<List<ConsumerRecord<String, String>>> check) {
        com.aiceo.testsupport.TopicRecords.awaitFor(bootstrap, topic, key, check);
    }

    protected void awaitEvents(UUID org, Consumer<List<ConsumerRecord<String, String>>> check) {
        awaitRecords("crm.events", org.toString(), check);
    }

    /** The envelope's type: {@code "type":"crm.x.y"}. */
    protected static String typeOf(ConsumerRecord<String, String> record) {
        return com.aiceo.testsupport.TopicRecords.typeOf(record);
    }
}

package com.aiceo.e2e;

import static com.aiceo.e2e.IdentityE2ETest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5's "done means" with no model key (the platform's sandbox), through the gateway: a user sets
 * the persona, chats plainly and streamed, and generates posts and emails; another organization sees none
 * of it.
 */
@ExtendWith(Platform.class)
class AiE2ETest {

    private static String newOrganization(String name) {
        return IdentityE2ETest.register(IdentityE2ETest.email(name.replace(' ', '-').toLowerCase()), name)
                .get("accessToken").asString();
    }

    @Test
    void aUserSetsThePersonaChatsAndGenerates() {
        String token = newOrganization("Persona Works");
        Api.Answer saved = Api.put("/api/ai/config", token, Map.of("personality", "Direct and upbeat",
                "goals", List.of("Grow revenue 20%"), "industry", "Bakeries",
                "companyDescription", "Sourdough for the whole town", "temperature", 0.4));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(Api.get("/api/ai/config", token).json().get("industry").asString()).isEqualTo("Bakeries");
        assertProblem(Api.put("/api/ai/config", token, Map.of("temperature", 3)), 400);

        Api.Answer chat = Api.post("/api/chat/message", token, Map.of("message", "How do we sell more bread?"));
        assertThat(chat.status()).as(chat.toString()).isEqualTo(200);
        JsonNode reply = chat.json();
        assertThat(reply.get("reply").asString()).isNotBlank();
        assertThat(reply.get("userMessageId").asString()).isNotBlank();
        assertThat(reply.get("replyMessageId").asString()).isNotBlank();
        assertThat(reply.get("sentiment").asString()).isIn("positive", "neutral", "negative");

        Api.Answer stream = Api.send("POST", "/api/chat/stream", token, "application/json",
                "{\"message\":\"And what about cakes?\"}", Map.of("Accept", "text/event-stream"));
        assertThat(stream.status()).as(stream.toString()).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        assertThat(stream.raw()).contains("event:token").contains("event:done").contains("replyMessageId");

        JsonNode history = Api.get("/api/chat/messages", token).json();
        assertThat(history.get("total").asInt()).isEqualTo(4);
        assertThat(history.get("items").get(3).get("role").asString()).isEqualTo("assistant");

        Api.Answer post = Api.post("/api/ai/generate", token, Map.of("kind", "social_post", "brief", "Our new rye loaf"));
        assertThat(post.status()).as(post.toString()).isEqualTo(200);
        assertThat(post.json().get("text").asString()).isNotBlank();
        Api.Answer email = Api.post("/api/ai/generate", token, Map.of("kind", "email", "brief", "Invite to a tasting",
                "context", Map.of("leadName", "Grace", "company", "Navy")));
        assertThat(email.status()).as(email.toString()).isEqualTo(200);
        assertThat(email.json().get("subject").asString()).isNotBlank();
        assertProblem(Api.post("/api/ai/generate", token, Map.of("kind", "poem", "brief", "x")), 400);
        assertProblem(Api.post("/api/chat/message", token, Map.of("message", "")), 400);

        String other = newOrganization("Other Bakery");
        assertThat(Api.get("/api/chat/messages", other).json().get("total").asInt()).isZero();
        assertThat(Api.get("/api/ai/config", other).json().get("industry").isNull()
                || !"Bakeries".equals(Api.get("/api/ai/config", other).json().get("industry").asString())).isTrue();
    }
}

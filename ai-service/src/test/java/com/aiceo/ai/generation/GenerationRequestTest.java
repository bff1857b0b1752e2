package com.aiceo.ai.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiceo.web.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class GenerationRequestTest {

    @Test
    void acceptsTheThreeKindsWithContextAsText() {
        GenerationRequest r = GenerationRequest.validate("lead_followup", " Nudge them ", Map.of("name", "Ada", "score", 0.8));
        assertThat(r.kind()).isEqualTo(ContentKind.LEAD_FOLLOWUP);
        assertThat(r.brief()).isEqualTo("Nudge them");
        assertThat(r.context()).containsEntry("name", "Ada").containsEntry("score", "0.8");
        assertThat(GenerationRequest.validate("email", "x", null).kind()).isEqualTo(ContentKind.EMAIL);
        assertThat(GenerationRequest.validate("social_post", "x", Map.of()).kind()).isEqualTo(ContentKind.SOCIAL_POST);
        // a follow-up may go without a brief when the context says enough
        assertThat(GenerationRequest.validate("lead_followup", null, Map.of("name", "Ada")).brief()).isNull();
    }

    @Test
    void refusesUnknownKindsEmptyBriefsAndNestedContextWith400() {
        assertThatThrownBy(() -> GenerationRequest.validate("poem", "x", null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).containsKey("kind"));
        assertThatThrownBy(() -> GenerationRequest.validate(null, "x", null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).containsEntry("kind", "is required"));
        assertThatThrownBy(() -> GenerationRequest.validate("email", "  ", null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).containsEntry("brief", "is required"));
        assertThatThrownBy(() -> GenerationRequest.validate("email", "x", Map.of("lead", Map.of("a", 1))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.errors()).containsKey("context.lead");
                });
        assertThatThrownBy(() -> GenerationRequest.validate("email", "x", Map.of("list", List.of(1))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).containsKey("context.list"));
    }

    @Test
    void refusesOversizedBriefsAndValuesWith413() {
        assertThatThrownBy(() -> GenerationRequest.validate("email", "b".repeat(4001), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
        assertThatThrownBy(() -> GenerationRequest.validate("email", "x", Map.of("notes", "n".repeat(2001))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }

    @Test
    void anEmailIsSplitIntoSubjectAndBody() {
        GeneratedText t = GeneratedText.parse(ContentKind.EMAIL, "Subject: Spring offer\n\nHi Ada,\n\nBody here.\n", "brief");
        assertThat(t.subject()).isEqualTo("Spring offer");
        assertThat(t.text()).isEqualTo("Hi Ada,\n\nBody here.");

        GeneratedText noSubject = GeneratedText.parse(ContentKind.EMAIL, "Hi Ada, body only.", "Invite Ada to the demo. Mention pricing.");
        assertThat(noSubject.subject()).isEqualTo("Invite Ada to the demo");
        assertThat(noSubject.text()).isEqualTo("Hi Ada, body only.");

        assertThat(GeneratedText.parse(ContentKind.SOCIAL_POST, " Post text ", "b")).isEqualTo(new GeneratedText("Post text", null));
    }
}

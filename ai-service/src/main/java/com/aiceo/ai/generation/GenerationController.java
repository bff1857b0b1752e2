package com.aiceo.ai.generation;

import com.aiceo.ai.model.ModelException;
import com.aiceo.security.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** POST /api/ai/generate {kind, brief, context{}} → {text, subject?} (+ id, kind, model, usage, sandbox). */
@RestController
class GenerationController {

    record GenerateBody(String kind, String brief, Map<String, Object> context) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerateAnswer(UUID id, String kind, String text, String subject, String model, boolean sandbox,
                          int tokensIn, int tokensOut, long latencyMs) {
    }

    private final GenerationService generations;

    GenerationController(GenerationService generations) {
        this.generations = generations;
    }

    @PostMapping("/api/ai/generate")
    Mono<GenerateAnswer> generate(Caller caller, @RequestBody(required = false) GenerateBody body) {
        GenerationRequest request = body == null ? GenerationRequest.validate(null, null, null)
                : GenerationRequest.validate(body.kind(), body.brief(), body.context());
        return generations.generateForHttp(caller.orgId(), request)
                .onErrorMap(ModelException.class, ModelException::toApiException)
                .map(s -> new GenerateAnswer(s.id(), s.kind(), s.text(), s.subject(), s.model(), s.sandbox(),
                        s.tokensIn(), s.tokensOut(), s.latencyMs()));
    }
}

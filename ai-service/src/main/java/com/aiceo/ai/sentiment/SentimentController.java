package com.aiceo.ai.sentiment;

import com.aiceo.security.Caller;
import com.aiceo.web.ApiException;
import com.aiceo.web.Validation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** POST /api/ai/sentiment {text} → {sentiment, emotion}: e.g. for a lead's inbound message. */
@RestController
class SentimentController {

    static final int MAX_TEXT = 8000;

    record SentimentRequest(String text) {
    }

    private final SentimentAnalyzer analyzer;

    SentimentController(SentimentAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @PostMapping("/api/ai/sentiment")
    Mono<Sentiment> analyze(Caller caller, @RequestBody SentimentRequest body) {
        String text = body == null ? null : body.text();
        new Validation().required("text", Validation.clean(text)).throwIfAny();
        if (text.length() > MAX_TEXT) {
            throw ApiException.tooLarge("text must be at most " + MAX_TEXT + " characters.");
        }
        return analyzer.analyze(text);
    }
}

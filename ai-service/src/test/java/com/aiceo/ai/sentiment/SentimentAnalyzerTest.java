package com.aiceo.ai.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.ai.model.ChatModel;
import com.aiceo.ai.model.ModelChunk;
import com.aiceo.ai.model.ModelException;
import com.aiceo.ai.model.ModelProperties;
import com.aiceo.ai.model.ModelReply;
import com.aiceo.ai.model.ModelRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The model classifies when configured; the lexicon answers otherwise and whenever the model fails. */
class SentimentAnalyzerTest {

    private static final ModelProperties PROPS = new ModelProperties("key", null, "gpt-test", 100, Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 0,
            Duration.ofMillis(10), Duration.ofSeconds(1), new ModelProperties.Breaker(50, 10, 20, Duration.ofSeconds(1)));

    private final List<ModelRequest> requests = new ArrayList<>();

    private ChatModel model(boolean sandbox, Function<ModelRequest, Mono<ModelReply>> answer) {
        return new ChatModel() {
            @Override
            public Mono<ModelReply> complete(ModelRequest request) {
                requests.add(request);
                return answer.apply(request);
            }

            @Override
            public Flux<ModelChunk> stream(ModelRequest request) {
                return Flux.error(new UnsupportedOperationException());
            }

            @Override
            public boolean sandbox() {
                return sandbox;
            }
        };
    }

    private static Mono<ModelReply> reply(String text) {
        return Mono.just(new ModelReply(text, "gpt-test", 5, 2, 1, false));
    }

    @Test
    void asksTheModelWhenARealOneIsConfigured() {
        SentimentAnalyzer analyzer = new SentimentAnalyzer(model(false, r -> reply("negative fear")), PROPS, "auto",
                Duration.ofSeconds(1));
        // the lexicon alone would call this positive; the model's reading wins
        assertThat(analyzer.analyze("Great, another contract renewal...").block()).isEqualTo(new Sentiment("negative", "fear"));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).temperature()).isZero();
        assertThat(requests.get(0).operation()).isEqualTo("sentiment");
    }

    @Test
    void fallsBackToTheLexiconWhenTheModelFailsOrTalksNonsense() {
        SentimentAnalyzer failing = new SentimentAnalyzer(model(false, r -> Mono.error(new ModelException(
                ModelException.Kind.TIMEOUT, "t", null, null))), PROPS, "auto", Duration.ofSeconds(1));
        assertThat(failing.analyze("Thanks, great work").block().sentiment()).isEqualTo("positive");

        SentimentAnalyzer chatty = new SentimentAnalyzer(model(false, r -> reply("I think it is fine")), PROPS, "auto",
                Duration.ofSeconds(1));
        assertThat(chatty.analyze("This is terrible").block()).isEqualTo(new Sentiment("negative", "anger"));

        SentimentAnalyzer slow = new SentimentAnalyzer(model(false, r -> Mono.never()), PROPS, "auto", Duration.ofMillis(100));
        assertThat(slow.analyze("I love it").block(Duration.ofSeconds(2)).sentiment()).isEqualTo("positive");
    }

    @Test
    void neverAsksTheSandboxOrWhenTheLexiconIsChosen() {
        new SentimentAnalyzer(model(true, r -> reply("negative anger")), PROPS, "auto", Duration.ofSeconds(1))
                .analyze("I love it").block();
        new SentimentAnalyzer(model(false, r -> reply("negative anger")), PROPS, "lexicon", Duration.ofSeconds(1))
                .analyze("I love it").block();
        assertThat(requests).isEmpty();
    }
}

package com.aiceo.ai.sentiment;

import com.aiceo.ai.model.ChatModel;
import com.aiceo.ai.model.ModelMessage;
import com.aiceo.ai.model.ModelRequest;
import com.aiceo.ai.model.ModelProperties;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Sentiment and dominant emotion of a text: asked of the model when a real one is configured (and
 * {@code ai.sentiment.source} is not {@code lexicon}), with a short timeout; the local
 * {@link LexiconClassifier} otherwise, and whenever the model fails or answers something unreadable.
 */
@Service
public class SentimentAnalyzer {

    private static final Logger log = LoggerFactory.getLogger(SentimentAnalyzer.class);
    static final String INSTRUCTION = "Classify the sentiment and the dominant emotion of the user's text. "
            + "Answer with exactly two lower-case words separated by a space and nothing else: first one of "
            + "positive, neutral, negative; then one of neutral, " + String.join(", ", LexiconClassifier.emotions()) + ".";
    private static final Set<String> SENTIMENTS = Set.of("positive", "neutral", "negative");
    private static final Pattern ANSWER = Pattern.compile("\\b(positive|neutral|negative)\\b[\\s,;:-]+([a-z]+)");

    private final ChatModel model;
    private final boolean useModel;
    private final String modelName;
    private final Duration timeout;

    SentimentAnalyzer(ChatModel model, ModelProperties props,
                      @Value("${ai.sentiment.source:auto}") String source,
                      @Value("${ai.sentiment.timeout:3s}") Duration timeout) {
        this.model = model;
        this.useModel = !model.sandbox() && !"lexicon".equalsIgnoreCase(source);
        this.modelName = props.defaultModel();
        this.timeout = timeout;
    }

    public Mono<Sentiment> analyze(String text) {
        Sentiment local = LexiconClassifier.classify(text);
        if (!useModel || text == null || text.isBlank()) {
            return Mono.just(local);
        }
        ModelRequest request = new ModelRequest("sentiment", modelName, 0.0,
                List.of(ModelMessage.system(INSTRUCTION), ModelMessage.user(text)), 10, Map.of("task", "sentiment"));
        return model.complete(request)
                .timeout(timeout)
                .map(reply -> parse(reply.text(), local))
                .onErrorResume(e -> {
                    log.debug("Sentiment from the model failed ({}); using the lexicon", e.getClass().getSimpleName());
                    return Mono.just(local);
                });
    }

    static Sentiment parse(String answer, Sentiment fallback) {
        Matcher m = ANSWER.matcher(answer.toLowerCase(Locale.ROOT));
        if (!m.find() || !SENTIMENTS.contains(m.group(1))) {
            return fallback;
        }
        String emotion = m.group(2);
        boolean known = "neutral".equals(emotion) || LexiconClassifier.emotions().contains(emotion);
        return new Sentiment(m.group(1), known ? emotion : "neutral");
    }
}

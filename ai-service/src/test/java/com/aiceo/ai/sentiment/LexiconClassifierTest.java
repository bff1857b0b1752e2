package com.aiceo.ai.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexiconClassifierTest {

    @Test
    void classifiesClearCasesAndNamesTheDominantEmotion() {
        assertThat(LexiconClassifier.classify("Thanks so much, I really appreciate the help!"))
                .isEqualTo(new Sentiment("positive", "gratitude"));
        assertThat(LexiconClassifier.classify("This is great, I love it")).isEqualTo(new Sentiment("positive", "joy"));
        assertThat(LexiconClassifier.classify("The invoice tool is broken again and I'm frustrated"))
                .isEqualTo(new Sentiment("negative", "frustration"));
        assertThat(LexiconClassifier.classify("I'm worried we will lose the client")).extracting(Sentiment::sentiment)
                .isEqualTo("negative");
        assertThat(LexiconClassifier.classify("This is unacceptable, I am angry")).isEqualTo(new Sentiment("negative", "anger"));
    }

    @Test
    void neutralWhenNothingIsClear() {
        assertThat(LexiconClassifier.classify("Schedule the meeting for Tuesday at 10.")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(LexiconClassifier.classify("")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(LexiconClassifier.classify(null)).isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void negationTurnsItAround() {
        assertThat(LexiconClassifier.classify("I am not happy with this")).extracting(Sentiment::sentiment).isEqualTo("negative");
        assertThat(LexiconClassifier.classify("Honestly not bad at all")).extracting(Sentiment::sentiment).isEqualTo("positive");
    }

    @Test
    void readsTheModelsAnswerAndFallsBackOnNonsense() {
        Sentiment fallback = new Sentiment("neutral", "neutral");
        assertThat(SentimentAnalyzer.parse("negative anger", fallback)).isEqualTo(new Sentiment("negative", "anger"));
        assertThat(SentimentAnalyzer.parse("Positive, joy.", fallback)).isEqualTo(new Sentiment("positive", "joy"));
        assertThat(SentimentAnalyzer.parse("positive ecstasy", fallback)).isEqualTo(new Sentiment("positive", "neutral"));
        assertThat(SentimentAnalyzer.parse("I cannot tell", fallback)).isSameAs(fallback);
    }
}

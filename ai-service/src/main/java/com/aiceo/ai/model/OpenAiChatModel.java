package com.aiceo.ai.model;

import com.openai.client.OpenAIClientAsync;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The model through the official openai-java SDK's async client (no thread waits on the network): a
 * per-attempt timeout, bounded retries on 429/5xx/timeouts/connection failures honouring Retry-After (a
 * Retry-After longer than {@code maxRetryWait} answers 503 at once rather than hang), a circuit breaker over
 * the provider's failures, and an overall deadline. A stream is retried only before its first token.
 * Logs carry the failure kind and status only, never prompt or answer text.
 */
final class OpenAiChatModel implements ChatModel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);
    private static final String PROVIDER = "openai";

    private final OpenAIClientAsync client;
    private final ModelProperties props;
    private final CircuitBreaker breaker;
    private final ModelMetrics metrics;

    OpenAiChatModel(OpenAIClientAsync client, ModelProperties props, CircuitBreaker breaker, ModelMetrics metrics) {
        this.client = client;
        this.props = props;
        this.breaker = breaker;
        this.metrics = metrics;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public boolean sandbox() {
        return false;
    }

    @Override
    public Mono<ModelReply> complete(ModelRequest request) {
        ChatCompletionCreateParams params = params(request, false);
        return Mono.defer(() -> {
            long start = System.nanoTime();
            Mono<ChatCompletion> attempt = Mono.defer(() -> Mono.fromFuture(() -> client.chat().completions().create(params)))
                    .timeout(props.requestTimeout())
                    .onErrorMap(e -> !(e instanceof ModelException), OpenAiChatModel::classify)
                    .transformDeferred(CircuitBreakerOperator.of(breaker))
                    .onErrorMap(CallNotPermittedException.class, this::circuitOpen);
            return attempt
                    .retryWhen(retries(request.operation()))
                    .timeout(props.deadline())
                    .onErrorMap(e -> !(e instanceof ModelException), OpenAiChatModel::classify)
                    .map(completion -> toReply(completion, request, start))
                    .doOnNext(reply -> metrics.success(request.operation(), PROVIDER, reply))
                    .doOnError(ModelException.class, e -> failed(request, e, start));
        });
    }

    @Override
    public Flux<ModelChunk> stream(ModelRequest request) {
        ChatCompletionCreateParams params = params(request, true);
        return Flux.defer(() -> {
            long start = System.nanoTime();
            StringBuilder text = new StringBuilder();
            AtomicLong tokensIn = new AtomicLong(-1);
            AtomicLong tokensOut = new AtomicLong(-1);
            AtomicBoolean started = new AtomicBoolean();
            AtomicBoolean finished = new AtomicBoolean();
            Flux<ModelChunk> attempt = Flux.defer(() -> chunks(params))
                    .timeout(Mono.delay(props.firstTokenTimeout()), chunk -> Mono.delay(props.idleTimeout()))
                    .onErrorMap(e -> !(e instanceof ModelException), OpenAiChatModel::classify)
                    .onErrorMap(ModelException.class, e -> started.get() ? e.midStream() : e)
                    .transformDeferred(CircuitBreakerOperator.of(breaker))
                    .onErrorMap(CallNotPermittedException.class, this::circuitOpen)
                    .concatMapIterable(chunk -> {
                        chunk.usage().ifPresent(u -> {
                            tokensIn.set(u.promptTokens());
                            tokensOut.set(u.completionTokens());
                        });
                        if (chunk.choices().stream().anyMatch(choice -> choice.finishReason().isPresent())) {
                            finished.set(true);
                        }
                        List<ModelChunk> tokens = chunk.choices().stream()
                                .map(choice -> choice.delta().content().orElse(""))
                                .filter(s -> !s.isEmpty())
                                .<ModelChunk>map(ModelChunk.Token::new)
                                .toList();
                        return tokens;
                    })
                    .doOnNext(token -> {
                        if (started.compareAndSet(false, true)) {
                            metrics.firstToken(request.operation(), PROVIDER, Duration.ofNanos(System.nanoTime() - start));
                        }
                        text.append(((ModelChunk.Token) token).text());
                    });
            return attempt
                    .retryWhen(retries(request.operation()))
                    .concatWith(Mono.fromCallable(() -> {
                        if (text.isEmpty()) {
                            throw new ModelException(ModelException.Kind.BAD_RESPONSE,
                                    "The model returned an empty answer.", null, null);
                        }
                        if (!finished.get()) {
                            // the stream closed without a finish reason: a cut-off answer, never stored as whole
                            throw new ModelException(ModelException.Kind.BAD_RESPONSE,
                                    "The model's answer ended early.", null, null).midStream();
                        }
                        String reply = text.toString();
                        return new ModelChunk.Done(new ModelReply(reply, request.model(),
                                tokensIn.get() >= 0 ? (int) tokensIn.get() : estimateIn(request),
                                tokensOut.get() >= 0 ? (int) tokensOut.get() : Tokens.estimate(reply),
                                elapsedMs(start), false));
                    }))
                    .doOnNext(chunk -> {
                        if (chunk instanceof ModelChunk.Done done) {
                            metrics.success(request.operation(), PROVIDER, done.reply());
                        }
                    })
                    .doOnError(ModelException.class, e -> failed(request, e, start));
        });
    }

    /** The SDK's async stream as a Flux; cancelling (client gone, timeout) closes the HTTP stream. */
    private Flux<ChatCompletionChunk> chunks(ChatCompletionCreateParams params) {
        return Flux.create(sink -> {
            AsyncStreamResponse<ChatCompletionChunk> response = client.chat().completions().createStreaming(params);
            sink.onDispose(response::close);
            response.subscribe(new AsyncStreamResponse.Handler<>() {
                @Override
                public void onNext(ChatCompletionChunk chunk) {
                    sink.next(chunk);
                }

                @Override
                public void onComplete(Optional<Throwable> error) {
                    error.ifPresentOrElse(sink::error, sink::complete);
                }
            });
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    private ChatCompletionCreateParams params(ModelRequest request, boolean stream) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder()
                .model(request.model())
                .temperature(request.temperature())
                .maxCompletionTokens(request.maxTokens());
        for (ModelMessage m : request.messages()) {
            switch (m.role()) {
                case SYSTEM -> b.addSystemMessage(m.content());
                case USER -> b.addUserMessage(m.content());
                case ASSISTANT -> b.addAssistantMessage(m.content());
            }
        }
        if (stream) {
            b.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        return b.build();
    }

    private ModelReply toReply(ChatCompletion completion, ModelRequest request, long start) {
        String text;
        try {
            text = completion.choices().isEmpty() ? "" : completion.choices().get(0).message().content().orElse("");
        } catch (OpenAIInvalidDataException e) {
            throw new ModelException(ModelException.Kind.BAD_RESPONSE, "The model's answer could not be read.", null, e);
        }
        if (text.isBlank()) {
            throw new ModelException(ModelException.Kind.BAD_RESPONSE, "The model returned an empty answer.", null, null);
        }
        int in = completion.usage().map(u -> (int) u.promptTokens()).orElseGet(() -> estimateIn(request));
        int out = completion.usage().map(u -> (int) u.completionTokens()).orElseGet(() -> Tokens.estimate(text));
        return new ModelReply(text, request.model(), in, out, elapsedMs(start), false);
    }

    private Retry retries(String operation) {
        return Retry.from(signals -> signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            if (!(failure instanceof ModelException e) || !e.retryable() || signal.totalRetries() >= props.maxRetries()) {
                return Mono.error(failure);
            }
            Duration wait = e.retryAfter() != null ? e.retryAfter()
                    : props.initialBackoff().multipliedBy(1L << Math.min(10, signal.totalRetries()));
            if (wait.compareTo(props.maxRetryWait()) > 0) {
                return Mono.error(failure); // do not hang: 503 with the provider's Retry-After
            }
            metrics.retry(operation, PROVIDER, e.kind());
            log.debug("Model call failed ({}), retry {} in {} ms", e.kind(), signal.totalRetries() + 1, wait.toMillis());
            return Mono.delay(wait);
        }));
    }

    private ModelException circuitOpen(CallNotPermittedException e) {
        return new ModelException(ModelException.Kind.CIRCUIT_OPEN,
                "The AI model is temporarily unavailable (too many recent failures).", props.breaker().openFor(), e);
    }

    private void failed(ModelRequest request, ModelException e, long start) {
        metrics.failure(request.operation(), PROVIDER, e.kind(), Duration.ofNanos(System.nanoTime() - start));
        log.warn("Model call failed: operation={} kind={} cause={}", request.operation(), e.kind(),
                e.getCause() == null ? "-" : e.getCause().getClass().getSimpleName());
    }

    private static int estimateIn(ModelRequest request) {
        return request.messages().stream().mapToInt(m -> Tokens.ofMessage(m.content())).sum();
    }

    private static long elapsedMs(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    /** Maps whatever the SDK or Reactor threw to a {@link ModelException} of the right kind. */
    static ModelException classify(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ModelException me) {
            return me;
        }
        if (e instanceof OpenAIServiceException service) {
            int status = service.statusCode();
            Duration retryAfter = retryAfter(service);
            if (e instanceof RateLimitException || status == 429) {
                return new ModelException(ModelException.Kind.RATE_LIMITED, "The AI model is rate limited; try again later.",
                        retryAfter, e);
            }
            if (status == 408 || status == 409 || status >= 500) {
                return new ModelException(ModelException.Kind.UPSTREAM_ERROR,
                        "The AI model answered with an error (" + status + ").", retryAfter, e);
            }
            return new ModelException(ModelException.Kind.REJECTED,
                    "The AI model refused the request (" + status + ").", null, e);
        }
        if (e instanceof TimeoutException || e instanceof InterruptedIOException
                || (e instanceof OpenAIIoException && e.getCause() instanceof InterruptedIOException)) {
            return new ModelException(ModelException.Kind.TIMEOUT, "The AI model did not answer in time.", null, e);
        }
        if (e instanceof OpenAIIoException || e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof java.io.IOException || e instanceof CancellationException) {
            return new ModelException(ModelException.Kind.UNREACHABLE, "The AI model could not be reached.", null, e);
        }
        return new ModelException(ModelException.Kind.BAD_RESPONSE, "The AI model's answer could not be used.", null, e);
    }

    /** {@code retry-after-ms}, or {@code retry-after} in seconds or as an HTTP date. */
    static Duration retryAfter(OpenAIServiceException e) {
        try {
            List<String> ms = e.headers().values("retry-after-ms");
            if (!ms.isEmpty()) {
                return Duration.ofMillis((long) Double.parseDouble(ms.get(0).trim()));
            }
            List<String> seconds = e.headers().values("retry-after");
            if (!seconds.isEmpty()) {
                String value = seconds.get(0).trim();
                try {
                    return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                } catch (NumberFormatException notANumber) {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    return d.isNegative() ? Duration.ZERO : d;
                }
            }
        } catch (RuntimeException unreadable) {
            return null;
        }
        return null;
    }
}

package com.aiceo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

class PlatformWebAutoConfigurationTest {

    @Test
    void ourProblemHandlerIsTheOneEvenWithBootsProblemDetailsOn() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class, PlatformWebAutoConfiguration.class))
                .withPropertyValues("spring.webflux.problemdetails.enabled=true")
                .run(context -> assertThat(context.getBean(ResponseEntityExceptionHandler.class))
                        .isInstanceOf(ProblemHandling.class));
    }

    @Test
    void aRefusalBecomesItsProblemWithFieldErrors() {
        ResponseEntity<ProblemDetail> answer = new ProblemHandling().api(
                ApiException.validation(Map.of("email", "is not a valid email address")));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().getProperties()).containsEntry("errors", Map.of("email", "is not a valid email address"));
    }

    @Test
    void aClientThatWentAwayGetsNoAnswerAndNoErrorLog() {
        var exchange = org.springframework.mock.web.server.MockServerWebExchange.from(
                org.springframework.mock.http.server.reactive.MockServerHttpRequest.get("/api/crm/leads"));
        assertThat(new ProblemHandling().unexpected(
                new reactor.netty.channel.AbortedException("Connection has been closed BEFORE send operation"), exchange)
                .block()).isNull();
        assertThat(new ProblemHandling().unexpected(new IllegalStateException("boom"), exchange).block()
                .getStatusCode().value()).isEqualTo(500);
    }

    @Test
    void validationCollectsTheFirstErrorPerField() {
        assertThatThrownBy(() -> new Validation()
                .text("name", " ", 10)
                .text("name", "x".repeat(20), 10)
                .optionalText("notes", "x".repeat(11), 10)
                .email("email", "nope")
                .oneOf("priority", "urgent", java.util.List.of("low", "medium", "high"))
                .nonNegative("value", java.math.BigDecimal.valueOf(-1))
                .range("temperature", 2.5, 0, 2)
                .throwIfAny())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "name", "is required",
                        "notes", "must be at most 10 characters",
                        "email", "is not a valid email address",
                        "priority", "must be one of low, medium, high",
                        "value", "must be zero or more",
                        "temperature", "must be between 0 and 2")));
        new Validation().optionalText("notes", null, 10).optionalEmail("email", null).throwIfAny();
    }

    @Test
    void pagingDefaultsCapsAndRefuses() {
        assertThat(Paging.of(null, null)).isEqualTo(new Paging(0, 50));
        assertThat(Paging.of("2", "500")).isEqualTo(new Paging(2, 200));
        assertThat(Paging.of("2", "10").offset()).isEqualTo(20);
        assertThatThrownBy(() -> Paging.of("-1", "x")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).containsOnlyKeys("page", "size"));
        assertThatThrownBy(() -> Paging.of("0", "0")).isInstanceOf(ApiException.class);
    }
}

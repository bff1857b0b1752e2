package com.aiceo.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * Every error as RFC 9457 problem+json. Spring's own web errors (malformed JSON, wrong media type, unknown
 * path) are handled by the base class; our refusals are {@link ApiException}s; a body over the codec limit
 * is 413; a client that went away gets nothing (logged at debug, not as an error); anything else is a 500
 * with a generic detail (logged with the path only, never sent).
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ProblemDetail> api(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    @ExceptionHandler({DataBufferLimitException.class})
    public ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException e) {
        return api(ApiException.tooLarge("The request body is too large."));
    }

    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<Object>> unexpected(Exception e, ServerWebExchange exchange) {
        if (e instanceof ErrorResponse error) {
            return Mono.just(ResponseEntity.status(error.getStatusCode())
                    .headers(error.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(error.getBody()));
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // the client went away (closed the connection, a load generator stopping): nobody to answer
            log.debug("Client gone on {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e.toString());
            return Mono.empty();
        }
        if (e instanceof DecodingException) {
            return Mono.just(ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body could not be read.")));
        }
        log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred.");
        return Mono.just(ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
    }
}

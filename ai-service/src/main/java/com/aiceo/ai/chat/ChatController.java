package com.aiceo.ai.chat;

import com.aiceo.ai.model.ModelChunk;
import com.aiceo.ai.model.ModelException;
import com.aiceo.security.Caller;
import com.aiceo.web.ApiException;
import com.aiceo.web.PageOf;
import com.aiceo.web.Paging;
import com.aiceo.web.Validation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * POST /api/chat/message, POST /api/chat/stream (server-sent events: {@code token} events
 * {@code {"text"}}, then one {@code done} event with the ids and sentiment, or an {@code error} event with a
 * problem if the model fails mid-stream), GET /api/chat/messages (newest last).
 */
@RestController
class ChatController {

    /** Longest message accepted; longer is 413. */
    static final int MAX_MESSAGE = 4000;

    record MessageRequest(String message) {
    }

    private final ChatService chat;

    ChatController(ChatService chat) {
        this.chat = chat;
    }

    @PostMapping("/api/chat/message")
    Mono<ChatService.ChatAnswer> message(Caller caller, @RequestBody(required = false) MessageRequest body) {
        String message = validate(body);
        return chat.send(caller, message).onErrorMap(ModelException.class, ModelException::toApiException);
    }

    @PostMapping("/api/chat/stream")
    Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> stream(Caller caller,
                                                               @RequestBody(required = false) MessageRequest body) {
        String message = validate(body);
        return chat.stream(caller, message)
                .onErrorMap(ModelException.class, ModelException::toApiException)
                .map(stream -> {
                    Flux<ServerSentEvent<Object>> tokens = stream.chunks()
                            .ofType(ModelChunk.Token.class)
                            .map(t -> ServerSentEvent.<Object>builder(Map.of("text", t.text())).event("token").build());
                    Flux<ServerSentEvent<Object>> events = tokens
                            .concatWith(stream.saved().map(a -> ServerSentEvent.<Object>builder(a).event("done").build()))
                            .onErrorResume(e -> Mono.just(ServerSentEvent.<Object>builder(problem(e)).event("error").build()));
                    return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events);
                });
    }

    @GetMapping("/api/chat/messages")
    Mono<PageOf<ChatService.ChatMessageView>> messages(Caller caller, @RequestParam(required = false) String page,
                                                      @RequestParam(required = false) String size) {
        return chat.list(caller.orgId(), Paging.of(page, size));
    }

    private static String validate(MessageRequest body) {
        String message = body == null ? null : body.message();
        new Validation().required("message", Validation.clean(message)).throwIfAny();
        if (message.length() > MAX_MESSAGE) {
            throw ApiException.tooLarge("message must be at most " + MAX_MESSAGE + " characters.");
        }
        return message.strip();
    }

    private static Map<String, Object> problem(Throwable e) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (e instanceof ModelException me) {
            p.put("status", me.status().value());
            p.put("title", me.status().getReasonPhrase());
            p.put("detail", me.getMessage());
        } else {
            p.put("status", 500);
            p.put("title", "Internal Server Error");
            p.put("detail", "The reply could not be completed.");
        }
        return p;
    }
}

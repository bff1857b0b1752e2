package com.aiceo.crm.activity;

import com.aiceo.crm.web.Body;
import com.aiceo.security.Caller;
import com.aiceo.web.PageOf;
import com.aiceo.web.Paging;
import com.aiceo.web.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** /api/crm/leads/{id}/activities: list (newest occurredAt first) and log. */
@RestController
class ActivityController {

    /** occurredAt may be in the past, not in the future (beyond clock skew). */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final ActivityService activities;

    ActivityController(ActivityService activities) {
        this.activities = activities;
    }

    @GetMapping("/api/crm/leads/{leadId}/activities")
    Mono<PageOf<Activity>> list(Caller caller, @PathVariable UUID leadId,
                                @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return activities.list(caller.orgId(), leadId, Paging.of(page, size));
    }

    @PostMapping("/api/crm/leads/{leadId}/activities")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Activity> log(Caller caller, @PathVariable UUID leadId, @RequestBody Map<String, Object> json) {
        Validation v = new Validation();
        Body body = new Body(json, v);
        String type = body.text("type");
        String summary = body.text("summary");
        Instant occurredAt = body.instant("occurredAt");
        v.oneOf("type", type, ActivityService.TYPES)
                .optionalText("summary", summary, ActivityService.MAX_SUMMARY)
                .check(occurredAt == null || occurredAt.isBefore(Instant.now().plus(FUTURE_TOLERANCE)), "occurredAt",
                        "must not be in the future")
                .throwIfAny();
        return activities.log(caller.orgId(), leadId, type, summary, occurredAt, "user", null, caller.userId(), null);
    }
}

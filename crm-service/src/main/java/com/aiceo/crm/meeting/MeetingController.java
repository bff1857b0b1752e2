package com.aiceo.crm.meeting;

import com.aiceo.crm.web.Body;
import com.aiceo.security.Caller;
import com.aiceo.web.PageOf;
import com.aiceo.web.Paging;
import com.aiceo.web.Validation;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** /api/crm/meetings: list (upcoming by default), create, read, partial update, delete. */
@RestController
class MeetingController {

    static final int MAX_TITLE = 200;
    static final int MAX_LOCATION = 200;
    static final int MAX_NOTES = 5000;

    private final MeetingService meetings;

    MeetingController(MeetingService meetings) {
        this.meetings = meetings;
    }

    @GetMapping("/api/crm/meetings")
    Mono<PageOf<Meeting>> list(Caller caller, @RequestParam(required = false) String upcoming,
                               @RequestParam(required = false) String leadId,
                               @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        Validation v = new Validation();
        String up = Validation.clean(upcoming);
        v.optionalOneOf("upcoming", up, java.util.List.of("true", "false"));
        UUID lead = new Body(leadId == null ? Map.of() : Map.of("leadId", leadId), v).uuid("leadId");
        v.throwIfAny();
        return meetings.list(caller.orgId(), !"false".equals(up), lead, Paging.of(page, size));
    }

    @PostMapping("/api/crm/meetings")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Meeting> create(Caller caller, @RequestBody Map<String, Object> json) {
        Validation v = new Validation();
        Body body = new Body(json, v);
        MeetingService.Fields f = validate(new MeetingService.Fields(body.uuid("leadId"), body.text("title"),
                body.instant("startsAt"), body.instant("endsAt"), body.text("location"), body.text("notes")), v);
        v.throwIfAny();
        return meetings.create(caller.orgId(), f);
    }

    @GetMapping("/api/crm/meetings/{id}")
    Mono<Meeting> get(Caller caller, @PathVariable UUID id) {
        return meetings.find(caller.orgId(), id);
    }

    @PatchMapping("/api/crm/meetings/{id}")
    Mono<Meeting> patch(Caller caller, @PathVariable UUID id, @RequestBody Map<String, Object> json) {
        return meetings.update(caller.orgId(), id, current -> {
            Validation v = new Validation();
            Body body = new Body(json, v);
            MeetingService.Fields f = validate(new MeetingService.Fields(
                    body.has("leadId") ? body.uuid("leadId") : current.leadId(),
                    body.has("title") ? body.text("title") : current.title(),
                    body.has("startsAt") ? body.instant("startsAt") : current.startsAt(),
                    body.has("endsAt") ? body.instant("endsAt") : current.endsAt(),
                    body.has("location") ? body.text("location") : current.location(),
                    body.has("notes") ? body.text("notes") : current.notes()), v);
            v.throwIfAny();
            return f;
        });
    }

    @DeleteMapping("/api/crm/meetings/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(Caller caller, @PathVariable UUID id) {
        return meetings.delete(caller.orgId(), id);
    }

    private static MeetingService.Fields validate(MeetingService.Fields f, Validation v) {
        v.text("title", f.title(), MAX_TITLE)
                .required("startsAt", f.startsAt())
                .required("endsAt", f.endsAt())
                .optionalText("location", f.location(), MAX_LOCATION)
                .optionalText("notes", f.notes(), MAX_NOTES);
        if (f.startsAt() != null && f.endsAt() != null) {
            v.check(f.endsAt().isAfter(f.startsAt()), "endsAt", "must be after startsAt");
        }
        return f;
    }
}

package com.aiceo.crm.lead;

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

/** /api/crm/leads: list with filters, create, read, partial update, delete. Any member of the organization. */
@RestController
class LeadController {

    static final int MAX_Q = 200;

    private final LeadService leads;

    LeadController(LeadService leads) {
        this.leads = leads;
    }

    @GetMapping("/api/crm/leads")
    Mono<PageOf<Lead>> list(Caller caller, @RequestParam(required = false) String status,
                            @RequestParam(required = false) String q,
                            @RequestParam(required = false) String minScore,
                            @RequestParam(required = false) String staleDays,
                            @RequestParam(required = false) String sort,
                            @RequestParam(required = false) String page,
                            @RequestParam(required = false) String size) {
        Validation v = new Validation();
        String cleanStatus = Validation.clean(status);
        v.optionalOneOf("status", cleanStatus, LeadFields.STATUSES)
                .optionalText("q", q, MAX_Q)
                .optionalOneOf("sort", Validation.clean(sort), java.util.List.of("score", "lastActivity", "created"));
        Double min = number(v, "minScore", minScore);
        v.range("minScore", min, 0, 1);
        Double stale = number(v, "staleDays", staleDays);
        v.check(stale == null || (stale == Math.rint(stale) && stale >= 0 && stale <= 36_500), "staleDays",
                "must be a whole number of days, 0 or more");
        Paging paging;
        try {
            paging = Paging.of(page, size);
        } catch (com.aiceo.web.ApiException e) {
            e.errors().forEach((field, message) -> v.check(false, field, message));
            paging = null;
        }
        v.throwIfAny();
        LeadService.Filter filter = new LeadService.Filter(cleanStatus, Validation.clean(q), min,
                stale == null ? null : stale.intValue(), Validation.clean(sort));
        return leads.list(caller.orgId(), filter, paging);
    }

    @PostMapping("/api/crm/leads")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Lead> create(Caller caller, @RequestBody Map<String, Object> json) {
        Validation v = new Validation();
        LeadFields fields = LeadFields.fromBody(new Body(json, v)).validate(v);
        v.throwIfAny();
        return leads.create(caller.orgId(), fields);
    }

    @GetMapping("/api/crm/leads/{id}")
    Mono<Lead> get(Caller caller, @PathVariable UUID id) {
        return leads.find(caller.orgId(), id);
    }

    @PatchMapping("/api/crm/leads/{id}")
    Mono<Lead> patch(Caller caller, @PathVariable UUID id, @RequestBody Map<String, Object> json) {
        return leads.update(caller.orgId(), id, current -> {
            Validation v = new Validation();
            LeadFields changed = current.patchedBy(new Body(json, v)).validate(v);
            v.throwIfAny();
            return changed;
        });
    }

    @DeleteMapping("/api/crm/leads/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(Caller caller, @PathVariable UUID id) {
        return leads.delete(caller.orgId(), id);
    }

    private static Double number(Validation v, String field, String value) {
        String s = Validation.clean(value);
        if (s == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            v.check(false, field, "must be a number");
            return null;
        }
    }
}

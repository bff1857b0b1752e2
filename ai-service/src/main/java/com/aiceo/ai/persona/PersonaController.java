package com.aiceo.ai.persona;

import com.aiceo.security.Caller;
import com.aiceo.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** GET/PUT /api/ai/config: every member reads the persona; admins and owners change it. */
@RestController
class PersonaController {

    private final PersonaService personas;

    PersonaController(PersonaService personas) {
        this.personas = personas;
    }

    @GetMapping("/api/ai/config")
    Mono<Persona> get(Caller caller) {
        return personas.get(caller.orgId());
    }

    @PutMapping("/api/ai/config")
    Mono<Persona> put(Caller caller, @RequestBody PersonaService.PersonaInput body) {
        caller.require(Role.ADMIN);
        return personas.put(caller.orgId(), caller.userId(), body);
    }
}

package nl.haven.cases.web;

import nl.haven.cases.internal.CaseAgenda;
import nl.haven.identity.CurrentStaff;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/agenda}: the caller's day (issue #19, point 1) as JSON, for the roles that see cases; never
 * cached. Ids, references, task kinds, legal term ids and dates only.
 */
@RestController
class AgendaApi {
    private final CaseAgenda agenda;
    private final CurrentStaff staff;

    AgendaApi(CaseAgenda agenda, CurrentStaff staff) {
        this.agenda = agenda;
        this.staff = staff;
    }

    @GetMapping(path = "/api/v1/agenda", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseAgenda.Agenda> agenda() {
        return CaseApi.ok(agenda.agenda(staff.require()));
    }
}

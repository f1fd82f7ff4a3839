package nl.haven.cases.web;

import java.util.Map;
import nl.haven.cases.internal.CaseCalendar;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.PublicLinks;
import nl.haven.shared.NotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The iCalendar feed of a staff member's tasks. Calendar apps subscribe to an address and cannot log in, so the
 * address itself is the credential: a random token, shown once, stored only as a hash, replaceable at any time. An
 * unknown or replaced token is a plain 404.
 */
@RestController
class CalendarFeed {
    static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");
    private final CaseCalendar calendar;
    private final CurrentStaff staff;
    private final PublicLinks links;

    CalendarFeed(CaseCalendar calendar, CurrentStaff staff, PublicLinks links) {
        this.calendar = calendar;
        this.staff = staff;
        this.links = links;
    }

    @GetMapping("/calendar/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        String ics = calendar.feed(token).orElseThrow(() -> new NotFoundException("calendar"));
        return ResponseEntity.ok().contentType(CALENDAR).cacheControl(CacheControl.noStore()).body(ics);
    }

    /** A new secret address for the caller's feed; the previous one stops working. Built from Haven's public address, never the request's Host. */
    @PostMapping(path = "/api/v1/account/calendar", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> newAddress() {
        String token = calendar.newFeedToken(staff.require());
        String url = links.to("/calendar/" + token + ".ics");
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore()).body(Map.of("url", url));
    }
}

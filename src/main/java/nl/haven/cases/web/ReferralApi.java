package nl.haven.cases.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.internal.CaseReferrals;
import nl.haven.identity.CurrentStaff;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Referrals between organisations (INTERFACES.md §6): only with consent; consent can be withdrawn. */
@RestController
class ReferralApi {
    private final CaseReferrals referrals;
    private final CurrentStaff staff;

    ReferralApi(CaseReferrals referrals, CurrentStaff staff) {
        this.referrals = referrals;
        this.staff = staff;
    }

    public record ReferralRequest(@Nullable String toOrg, @Nullable Boolean consent, @Nullable Boolean includeNotes) {
    }

    @PostMapping(path = "/api/v1/cases/{id}/referrals", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseReferrals.Referral> refer(@PathVariable UUID id, @RequestBody ReferralRequest request) {
        CaseReferrals.Referral referral = referrals.refer(staff.require(), id, request.toOrg(), request.consent(),
                Boolean.TRUE.equals(request.includeNotes()));
        return ResponseEntity.created(URI.create("/api/v1/referrals/" + referral.id())).cacheControl(CacheControl.noStore()).body(referral);
    }

    @GetMapping(path = "/api/v1/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<CaseReferrals.Referral>> made() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(referrals.madeBy(staff.require()));
    }

    @PostMapping("/api/v1/referrals/{referralId}/withdrawal")
    ResponseEntity<Void> withdraw(@PathVariable UUID referralId) {
        referrals.withdraw(staff.require(), referralId);
        return ResponseEntity.noContent().build();
    }
}

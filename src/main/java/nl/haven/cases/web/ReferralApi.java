package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.internal.CaseReferrals;
import nl.haven.identity.CurrentStaff;
import nl.haven.shared.IfMatch;
import nl.haven.web.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Referrals between organisations (INTERFACES.md §6): only with consent; consent can be withdrawn. */
@RestController
class ReferralApi {
    private final CaseReferrals referrals;
    private final CurrentStaff staff;
    private final IdempotentCreates creates;

    ReferralApi(CaseReferrals referrals, CurrentStaff staff, IdempotentCreates creates) {
        this.creates = creates;
        this.referrals = referrals;
        this.staff = staff;
    }

    public record ReferralRequest(@Nullable String toOrg, @Nullable Boolean consent, @Nullable Boolean includeNotes) {
    }

    @PostMapping(path = "/api/v1/cases/{id}/referrals", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseReferrals.Referral> refer(@PathVariable UUID id, @RequestBody ReferralRequest request,
            @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Nullable String key, HttpServletRequest http) {
        return creates.create(key, http, request, CaseReferrals.Referral.class, () -> {
            CaseReferrals.Referral referral = referrals.refer(staff.require(), id, request.toOrg(), request.consent(),
                    Boolean.TRUE.equals(request.includeNotes()));
            return ResponseEntity.created(URI.create("/api/v1/referrals/" + referral.id())).eTag(referral.etag())
                    .cacheControl(CacheControl.noStore()).body(referral);
        });
    }

    @GetMapping(path = "/api/v1/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<CaseReferrals.Referral>> made(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size,
            HttpServletRequest http) {
        Paging.PageRequest asked = new Paging.PageRequest(page, size);
        return Paging.answer(http, asked, referrals.madeBy(staff.require()));
    }

    /** One referral record, where a referral's {@code Location} points; scoped as the list (another organisation's: 404). */
    @GetMapping(path = "/api/v1/referrals/{referralId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseReferrals.Referral> referral(@PathVariable UUID referralId) {
        CaseReferrals.Referral referral = referrals.referral(staff.require(), referralId);
        return ResponseEntity.ok().eTag(referral.etag()).cacheControl(CacheControl.noStore()).body(referral);
    }

    /** {@code If-Match} (the referral's ETag) is honoured when sent: 412 when consent was withdrawn meanwhile. */
    @PostMapping("/api/v1/referrals/{referralId}/withdrawal")
    ResponseEntity<Void> withdraw(@PathVariable UUID referralId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        referrals.withdraw(staff.require(), referralId, IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }
}

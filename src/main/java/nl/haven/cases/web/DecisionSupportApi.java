package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.internal.CaseDecisionSupport;
import nl.haven.cases.internal.PolicyImpact;
import nl.haven.identity.CurrentStaff;
import nl.haven.policy.AssessmentDocument;
import nl.haven.shared.IfMatch;
import nl.haven.web.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The policy assessment (INTERFACES.md §3) and the route advice (§4) for a case's facts, and the decision-support
 * receipts that record the framework a caseworker used so that it can be reproduced later.
 */
@RestController
@RequestMapping(path = "/api/v1/cases/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
class DecisionSupportApi {
    private final CaseDecisionSupport support;
    private final CurrentStaff staff;
    private final IdempotentCreates creates;

    DecisionSupportApi(CaseDecisionSupport support, CurrentStaff staff, IdempotentCreates creates) {
        this.creates = creates;
        this.support = support;
        this.staff = staff;
    }

    @GetMapping("/assessment")
    ResponseEntity<AssessmentDocument> assessment(@PathVariable UUID id, @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String date, @RequestParam(required = false) @Nullable String knownAt,
            @RequestParam(required = false) @Nullable String lang) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(support.assessment(staff.require(), id, region, date, knownAt, lang));
    }

    @GetMapping("/routes")
    ResponseEntity<CaseDecisionSupport.CaseRoutes> routes(@PathVariable UUID id, @RequestParam(required = false) @Nullable String lang) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(support.routes(staff.require(), id, lang));
    }

    public record ReceiptRequest(@Nullable String region, @Nullable String date, @Nullable String knownAt, @Nullable String lang) {
    }

    @PostMapping(path = "/receipts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseDecisionSupport.Receipt> record(@PathVariable UUID id, @RequestBody ReceiptRequest request,
            @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Nullable String key, HttpServletRequest http) {
        return creates.create(key, http, request, CaseDecisionSupport.Receipt.class, () -> {
            CaseDecisionSupport.Receipt receipt = support.record(staff.require(), id, request.region(), request.date(), request.knownAt(),
                    request.lang());
            return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/receipts/" + receipt.id())).eTag(IfMatch.etag(receipt.id()))
                    .cacheControl(CacheControl.noStore()).body(receipt);
        });
    }

    @GetMapping("/receipts")
    ResponseEntity<List<CaseDecisionSupport.Receipt>> receipts(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size, HttpServletRequest http) {
        Paging.PageRequest asked = new Paging.PageRequest(page, size);
        return Paging.answer(http, asked, support.receipts(staff.require(), id));
    }

    /** One receipt, where its recording's {@code Location} points; it never changes, so its id is its ETag. */
    @GetMapping("/receipts/{receiptId}")
    ResponseEntity<CaseDecisionSupport.Receipt> receipt(@PathVariable UUID id, @PathVariable UUID receiptId) {
        CaseDecisionSupport.Receipt receipt = support.receipt(staff.require(), id, receiptId);
        return ResponseEntity.ok().eTag(IfMatch.etag(receipt.id())).cacheControl(CacheControl.noStore()).body(receipt);
    }

    /** Each recorded framework: still current, or changed on a date with the difference (issue #17). */
    @GetMapping("/receipts/status")
    ResponseEntity<List<PolicyImpact.ReceiptStatus>> recordedFrameworks(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size, HttpServletRequest http) {
        Paging.PageRequest asked = new Paging.PageRequest(page, size);
        return Paging.answer(http, asked, support.recordedFrameworks(staff.require(), id));
    }

    @GetMapping("/receipts/{receiptId}/reproduction")
    ResponseEntity<CaseDecisionSupport.Reproduction> reproduce(@PathVariable UUID id, @PathVariable UUID receiptId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(support.reproduce(staff.require(), id, receiptId));
    }
}

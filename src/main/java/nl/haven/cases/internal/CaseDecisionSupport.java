package nl.haven.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.haven.cases.CaseDetails;
import nl.haven.identity.StaffMember;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.Source;
import nl.haven.routes.Profile;
import nl.haven.routes.ProfileException;
import nl.haven.routes.ProfileParser;
import nl.haven.routes.RouteAdvice;
import nl.haven.routes.RouteAdvisor;
import nl.haven.shared.BadInputException;
import nl.haven.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import nl.haven.shared.Languages;

/**
 * Decision support beside the case: the policy assessment and the route advice for the case's facts, each with its
 * sources, and the <em>decision-support receipt</em> a caseworker records when they note the framework used — the
 * inputs, the data set's hash, the dates and the explanation — so that it can be reproduced later. Haven never
 * decides: these are the data set's statements, cited.
 */
@Service
public class CaseDecisionSupport {
    /** The news report behind the checklist item on travel documents (SECONDARY: a news source, not the rule itself). */
    static final String PASSPORT_SOURCE = "dutchreview-2025-us-lgbtq-requests";

    private final CaseAccess access;
    private final ReceiptStore receipts;
    private final CaseRecordStore records;
    private final PolicyEngine engine;
    private final RouteAdvisor advisor;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final PolicyImpact impact;

    CaseDecisionSupport(CaseAccess access, ReceiptStore receipts, CaseRecordStore records, PolicyEngine engine, RouteAdvisor advisor,
            Clock clock, PolicyImpact impact) {
        this.impact = impact;
        this.access = access;
        this.receipts = receipts;
        this.records = records;
        this.engine = engine;
        this.advisor = advisor;
        this.clock = clock;
    }

    /** The inputs an assessment of the case was (or is) made with. */
    public record Inputs(String nationality, @Nullable String region, List<String> groups, List<String> facts, String date,
            @Nullable String knownAt, String language) {
    }

    private Inputs inputs(CaseRow row, CaseDetails details, @Nullable String region, @Nullable String date, @Nullable String knownAt,
            @Nullable String language) {
        if (row.nationality() == null) {
            throw new BadInputException("nationality", "the case has no nationality yet: record it in the case's details first");
        }
        String lang = language == null || language.isBlank() ? "en" : language;
        if (!Languages.supported(lang)) {
            throw new BadInputException("lang", "language '" + language + "': expected " + Languages.expected());
        }
        String on = date == null || date.isBlank() ? LocalDate.now(clock).toString() : date;
        return new Inputs(row.nationality(), region == null || region.isBlank() ? null : region, details.groups(), details.facts(), on,
                knownAt == null || knownAt.isBlank() ? null : knownAt, lang);
    }

    private AssessmentDocument assess(Inputs in) {
        try {
            AssessmentQuery query = engine.query(in.nationality(), in.region(), in.groups(), in.facts(), in.date(), in.knownAt());
            return AssessmentDocument.of(engine.assess(query), engine.dataSet(), in.language());
        } catch (PolicyInputException e) {
            throw new BadInputException(e.field(), e.getMessage());
        }
    }

    /** Section 3 of INTERFACES.md for the case's nationality, groups and facts on a date (default today). */
    @Transactional
    public AssessmentDocument assessment(StaffMember who, UUID id, @Nullable String region, @Nullable String date, @Nullable String knownAt,
            @Nullable String language) {
        CaseRow row = access.find(who, id);
        Inputs in = inputs(row, access.details(row), region, date, knownAt, language);
        AssessmentDocument document = assess(in);
        access.audit(who, CaseAuditAction.ASSESSMENT_READ, row.id());
        return document;
    }

    /** An item of the case checklist: what to take into account, with the sources behind it. */
    public record ChecklistItem(String code, String text, List<String> sources, List<String> sourceUrls) {
    }

    /** Section 4 for the case: the route advice and the case checklist that goes with it. */
    public record CaseRoutes(RouteAdvice advice, List<ChecklistItem> checklist) {
    }

    /**
     * Route advice for the case: its nationality, groups and facts, plus the regular-route profile recorded in the
     * case's details (job offer, education, partner …) where there is one; the advisor names what is missing.
     */
    @Transactional
    public CaseRoutes routes(StaffMember who, UUID id, @Nullable String language) {
        CaseRow row = access.find(who, id);
        CaseRoutes routes = routesOf(row, access.details(row), language);
        access.audit(who, CaseAuditAction.ROUTES_READ, row.id());
        return routes;
    }

    private CaseRoutes routesOf(CaseRow row, CaseDetails details, @Nullable String language) {
        Inputs in = inputs(row, details, null, null, null, language);
        Map<String, Object> profile = new LinkedHashMap<>(details.routeProfile());
        profile.put("nationality", in.nationality());
        profile.put("date", in.date());
        profile.put("protection", Map.of("groups", in.groups(), "facts", in.facts()));
        Profile parsed;
        try {
            parsed = new ProfileParser(clock).parse(json.<JsonNode>valueToTree(profile));
        } catch (ProfileException e) {
            throw new BadInputException("routeProfile." + e.field(), e.getMessage());
        }
        RouteAdvice advice = advisor.advise(parsed, in.language());
        List<ChecklistItem> checklist = new ArrayList<>();
        if (details.documentGenderMismatch()) {
            Source source = engine.dataSet().source(PASSPORT_SOURCE).orElseThrow();
            checklist.add(new ChecklistItem("document-gender-mismatch", switch (in.language()) {
                case "nl" -> "Het geslacht in het reisdocument wijkt af van het gender van de persoon (in het nieuws gemeld: Amerikaanse "
                        + "paspoorten vermelden nu het geslacht bij de geboorte). Gebruik in formulieren de gegevens zoals ze in het "
                        + "document staan waar de procedure dat vraagt, spreek de persoon aan met de naam die diegene gebruikt, en bereid "
                        + "diegene voor op vragen hierover bij grenscontroles en gehoren.";
                case "ru" -> "Пол в проездном документе отличается от гендера человека (по сообщениям прессы, паспорта США теперь "
                        + "указывают пол при рождении). В анкетах используйте данные так, как они указаны в документе, если этого "
                        + "требует процедура, обращайтесь к человеку по имени, которое он использует, и подготовьте его к вопросам об "
                        + "этом на границе и на собеседованиях.";
                default -> "The travel document's gender marker differs from the person's gender (as reported in the news, US passports "
                        + "now state the sex assigned at birth). Use the data exactly as in the document where a procedure asks for it, "
                        + "address the person by the name they use, and prepare them for questions about it at border checks and "
                        + "interviews.";
            }, List.of(source.id()), List.of(source.url())));
        }
        return new CaseRoutes(advice, checklist);
    }

    // --- decision-support receipts ----------------------------------------------------------------------------------

    /** What was recorded: the inputs, the data set's version, when, by whom, and the full explanation. */
    public record Receipt(UUID id, Instant recordedAt, @Nullable UUID recordedBy, String dataSetVersion, Inputs inputs,
            AssessmentDocument assessment) {
        @Override
        public String toString() {
            return "Receipt[" + id + ", " + dataSetVersion + "]";
        }
    }

    /** Records the framework the caseworker used, as Haven computed it now; one audit event. */
    @Transactional
    public Receipt record(StaffMember who, UUID id, @Nullable String region, @Nullable String date, @Nullable String knownAt,
            @Nullable String language) {
        CaseRow row = access.lock(who, id);
        Inputs in = inputs(row, access.details(row), region, date, knownAt, language);
        AssessmentDocument document = assess(in);
        Receipt receipt = new Receipt(UUID.randomUUID(), clock.instant(), who.id().value(), document.dataset().version(), in, document);
        receipts.insert(receipt.id(), row.id(), row.org(), receipt.recordedAt(), receipt.recordedBy(), receipt.dataSetVersion(),
                access.encryptBytes(row, EncryptedField.RECEIPT_BODY, json.writeValueAsBytes(receipt)));
        records.event(row.id(), row.org(), receipt.recordedAt(), who.id().value(), CaseEventType.RECEIPT_RECORDED, null, null, null);
        access.audit(who, CaseEventType.RECEIPT_RECORDED, row.id());
        return receipt;
    }

    @Transactional
    public List<Receipt> receipts(StaffMember who, UUID id) {
        return receiptsOf(access.read(who, id, CaseAuditAction.RECEIPTS_READ));
    }

    /**
     * One receipt of the case (the address a recording answers with): 404 for a receipt of another case, and for a case
     * the caller may not see, exactly as for one that does not exist; one audit event, as for the list.
     */
    @Transactional
    public Receipt receipt(StaffMember who, UUID id, UUID receiptId) {
        CaseRow row = access.find(who, id);
        byte[] body = receipts.body(receiptId, row.id(), row.org()).orElseThrow(() -> new NotFoundException("receipt"));
        Receipt receipt = json.readValue(access.decryptBytes(row, EncryptedField.RECEIPT_BODY, body), Receipt.class);
        access.audit(who, CaseAuditAction.RECEIPTS_READ, row.id());
        return receipt;
    }

    private List<Receipt> receiptsOf(CaseRow row) {
        return receipts.bodies(row.id(), row.org()).stream()
                .map(body -> json.readValue(access.decryptBytes(row, EncryptedField.RECEIPT_BODY, body), Receipt.class)).toList();
    }

    /** Everything the decision-support page shows, read with one audit event; a part that cannot be computed says why. */
    public record Overview(String reference, @Nullable AssessmentDocument assessment, @Nullable String assessmentProblem,
            @Nullable CaseRoutes routes, @Nullable String routesProblem, List<Receipt> receipts, List<PolicyImpact.ReceiptStatus> statuses) {
    }

    private List<PolicyImpact.ReceiptStatus> statusesOf(CaseRow row, List<Receipt> receipts) {
        return receipts.stream().map(r -> impact.receiptStatus(row.id(), row.org(), r.id(), r.recordedAt(), r.inputs(), r.assessment())).toList();
    }

    /**
     * Each recorded framework compared with today's answer for its inputs (issue #17, point 4): still current, or changed
     * on a date with the old and the new answer; one audit event.
     */
    @Transactional
    public List<PolicyImpact.ReceiptStatus> recordedFrameworks(StaffMember who, UUID id) {
        CaseRow row = access.find(who, id);
        List<PolicyImpact.ReceiptStatus> statuses = statusesOf(row, receiptsOf(row));
        access.audit(who, CaseAuditAction.RECEIPTS_COMPARED, row.id());
        return statuses;
    }

    @Transactional
    public Overview overview(StaffMember who, UUID id, @Nullable String language) {
        CaseRow row = access.find(who, id);
        CaseDetails details = access.details(row);
        AssessmentDocument assessment = null;
        String assessmentProblem = null;
        try {
            assessment = assess(inputs(row, details, null, null, null, language));
        } catch (BadInputException e) {
            assessmentProblem = e.getMessage();
        }
        CaseRoutes routes = null;
        String routesProblem = null;
        try {
            routes = routesOf(row, details, language);
        } catch (BadInputException e) {
            routesProblem = e.getMessage();
        }
        List<Receipt> receipts = receiptsOf(row);
        access.audit(who, CaseAuditAction.DECISION_SUPPORT_READ, row.id());
        return new Overview(row.reference(), assessment, assessmentProblem, routes, routesProblem, receipts, statusesOf(row, receipts));
    }

    /**
     * Reproduces a receipt: the same inputs through the data set Haven runs now. If the data set is the same version,
     * the assessment must be identical; if it changed, the difference is shown, not hidden.
     */
    public record Reproduction(Receipt recorded, String currentDataSetVersion, boolean sameDataSet, boolean sameOutcome,
            AssessmentDocument now) {
    }

    @Transactional
    public Reproduction reproduce(StaffMember who, UUID id, UUID receiptId) {
        CaseRow row = access.find(who, id);
        byte[] body = receipts.body(receiptId, row.id(), row.org()).orElseThrow(() -> new NotFoundException("receipt"));
        Receipt recorded = json.readValue(access.decryptBytes(row, EncryptedField.RECEIPT_BODY, body), Receipt.class);
        AssessmentDocument now = assess(recorded.inputs());
        JsonNode before = json.valueToTree(recorded.assessment());
        JsonNode after = json.valueToTree(now);
        access.audit(who, CaseAuditAction.RECEIPT_REPRODUCED, row.id());
        return new Reproduction(recorded, now.dataset().version(), now.dataset().version().equals(recorded.dataSetVersion()),
                before.equals(after), now);
    }
}

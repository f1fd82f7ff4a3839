package nl.haven.policy;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code procedure.yaml} says: the stages of the asylum procedure, its legal time limits, and
 * the holiday rules of the Algemene termijnenwet that move a time limit's end. Immutable; a data set
 * without the file has an empty procedure.
 */
public final class Procedure {
    private final List<ProcedureStage> stages;
    private final Map<String, LegalTerm> terms;
    private final @Nullable TermsAct termsAct;
    private final List<HolidayRule> holidays;
    private final List<EquatedDays> equatedDays;
    private final @Nullable LocalDate reviewedOn;

    public Procedure(List<ProcedureStage> stages, Map<String, LegalTerm> terms, @Nullable TermsAct termsAct, List<HolidayRule> holidays,
            List<EquatedDays> equatedDays) {
        this(stages, terms, termsAct, holidays, equatedDays, null);
    }

    /** {@code reviewedOn}: the day {@code procedure.yaml} was last checked against its sources (null without the file). */
    public Procedure(List<ProcedureStage> stages, Map<String, LegalTerm> terms, @Nullable TermsAct termsAct, List<HolidayRule> holidays,
            List<EquatedDays> equatedDays, @Nullable LocalDate reviewedOn) {
        this.reviewedOn = reviewedOn;
        this.stages = stages.stream().sorted(Comparator.comparing(ProcedureStage::order).thenComparing(ProcedureStage::validFrom)).toList();
        this.terms = Collections.unmodifiableMap(new TreeMap<>(terms));
        this.termsAct = termsAct;
        this.holidays = List.copyOf(holidays);
        this.equatedDays = List.copyOf(equatedDays);
    }

    /** The procedure of a data set without {@code procedure.yaml}: no stages, terms or holidays. */
    public static Procedure none() {
        return new Procedure(List.of(), Map.of(), null, List.of(), List.of());
    }

    /** Every stage, in procedure order. */
    public List<ProcedureStage> stages() {
        return stages;
    }

    /** The review of {@code procedure.yaml}: when it was last checked against its sources. */
    public Review review() {
        return new Review("procedure.yaml", reviewedOn);
    }

    /** The stages in force on {@code date}, in procedure order. */
    public List<ProcedureStage> stagesOn(LocalDate date) {
        return stages.stream().filter(s -> s.validOn(date)).toList();
    }

    /** The legal terms by id. */
    public Map<String, LegalTerm> terms() {
        return terms;
    }

    public Optional<LegalTerm> term(String id) {
        return Optional.ofNullable(terms.get(id));
    }

    /** The Algemene termijnenwet's version, confidence and sources; null without {@code procedure.yaml}. */
    public @Nullable TermsAct termsAct() {
        return termsAct;
    }

    /** The holidays of art. 3(1) and 3(2) Atw. */
    public List<HolidayRule> holidays() {
        return holidays;
    }

    /** The days equated with holidays by Royal Decree (art. 3(3) Atw), one entry per decree. */
    public List<EquatedDays> equatedDays() {
        return equatedDays;
    }
}

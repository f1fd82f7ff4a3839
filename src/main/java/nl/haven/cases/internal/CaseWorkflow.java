package nl.haven.cases.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.shared.BadInputException;
import nl.haven.shared.ConflictException;
import org.jspecify.annotations.Nullable;

/**
 * The case's workflow as named transitions: the organisation's handling (new → triage → accepted / declined →
 * closed) and, once accepted, the procedure stages. A transition names its target state; {@link #check} refuses one
 * the current state does not allow, listing those it does (HTTP 409), and says which details the target needs (a
 * date, a track, a priority). Each transition becomes a past-tense event ({@link #eventType}). What a stage needs and
 * records is on its row in {@link Stage}; the table below says only where each stage may go next.
 */
public final class CaseWorkflow {
    private static final Map<Handling, Set<Handling>> HANDLING = new EnumMap<>(Handling.class);
    private static final Map<Stage, Set<Stage>> STAGES = new EnumMap<>(Stage.class);

    static {
        HANDLING.put(Handling.NEW, EnumSet.of(Handling.TRIAGE, Handling.DECLINED, Handling.CLOSED));
        HANDLING.put(Handling.TRIAGE, EnumSet.of(Handling.ACCEPTED, Handling.DECLINED, Handling.CLOSED));
        HANDLING.put(Handling.ACCEPTED, EnumSet.of(Handling.CLOSED));
        HANDLING.put(Handling.DECLINED, EnumSet.of(Handling.TRIAGE, Handling.CLOSED));
        HANDLING.put(Handling.REFERRED, EnumSet.noneOf(Handling.class)); // the referral moved the case; nothing more here
        HANDLING.put(Handling.CLOSED, EnumSet.of(Handling.TRIAGE));

        STAGES.put(Stage.NONE, EnumSet.of(Stage.PREPARING));
        STAGES.put(Stage.PREPARING, EnumSet.of(Stage.APPLIED, Stage.REGULAR_APPLIED));
        STAGES.put(Stage.APPLIED, EnumSet.of(Stage.REST_AND_PREPARATION));
        STAGES.put(Stage.REST_AND_PREPARATION, EnumSet.of(Stage.GENERAL_PROCEDURE));
        STAGES.put(Stage.GENERAL_PROCEDURE, EnumSet.of(Stage.EXTENDED_PROCEDURE, Stage.INTENDED_DECISION, Stage.GRANTED));
        STAGES.put(Stage.EXTENDED_PROCEDURE, EnumSet.of(Stage.INTENDED_DECISION, Stage.GRANTED));
        STAGES.put(Stage.INTENDED_DECISION, EnumSet.of(Stage.EXTENDED_PROCEDURE, Stage.GRANTED, Stage.REJECTED));
        STAGES.put(Stage.GRANTED, EnumSet.noneOf(Stage.class));
        STAGES.put(Stage.REJECTED, EnumSet.of(Stage.APPEAL));
        // A court that annuls the decision sends it back to the IND, which decides again (extended procedure).
        STAGES.put(Stage.APPEAL, EnumSet.of(Stage.GRANTED, Stage.FURTHER_APPEAL, Stage.EXTENDED_PROCEDURE));
        STAGES.put(Stage.FURTHER_APPEAL, EnumSet.of(Stage.GRANTED, Stage.EXTENDED_PROCEDURE));
        STAGES.put(Stage.REGULAR_APPLIED, EnumSet.of(Stage.REGULAR_GRANTED, Stage.REGULAR_REFUSED));
        STAGES.put(Stage.REGULAR_GRANTED, EnumSet.noneOf(Stage.class));
        STAGES.put(Stage.REGULAR_REFUSED, EnumSet.of(Stage.PREPARING));
    }

    private CaseWorkflow() {
    }

    /** Whether moving to {@code target} needs the date it happened on (forms ask for it only then). */
    public static boolean needsDate(String target) {
        Stage stage = parse(Stage.class, target);
        return stage != null && stage.needsDate();
    }

    /** Whether moving to {@code target} needs a track (a rejection: the appeal term depends on it). */
    public static boolean needsTrack(String target) {
        Stage stage = parse(Stage.class, target);
        return stage != null && stage.needsTrack();
    }

    /** Whether moving to {@code target} needs a priority (triage sets it). */
    public static boolean needsPriority(String target) {
        return Handling.TRIAGE.name().equals(target);
    }

    /** A requested transition: the target state's name and what it may carry. */
    public record Request(String to, @Nullable LocalDate date, @Nullable String track, @Nullable Integer priority) {
    }

    /** The checked transition: exactly one of {@code handling} and {@code stage} is set. */
    public record Step(@Nullable Handling handling, @Nullable Stage stage, @Nullable LocalDate date, @Nullable String track,
            @Nullable Integer priority) {
        public String target() {
            return handling != null ? handling.name() : Objects.requireNonNull(stage).name();
        }
    }

    /** Every target the case may move to now, handling first, in a stable order. */
    public static List<String> allowed(Handling handling, Stage stage) {
        List<String> allowed = new ArrayList<>();
        HANDLING.get(handling).forEach(h -> allowed.add(h.name()));
        if (handling == Handling.ACCEPTED) {
            STAGES.get(stage).forEach(s -> allowed.add(s.name()));
        }
        return allowed;
    }

    /**
     * Checks a transition against the current state. An unknown target name is bad input (400); a known one that is
     * not allowed now is a conflict (409) listing the allowed ones; a missing date, track or priority is bad input.
     */
    public static Step check(Handling handling, Stage stage, Request request) {
        String to = request.to() == null ? "" : request.to().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        Handling targetHandling = parse(Handling.class, to);
        Stage targetStage = parse(Stage.class, to);
        if ((targetHandling == null && targetStage == null) || targetStage == Stage.NONE || targetHandling == Handling.NEW
                || targetHandling == Handling.REFERRED) {
            throw new BadInputException("to", "unknown state '" + request.to() + "': expected one of " + allTargets()
                    + " (a referral goes through /referrals)");
        }
        List<String> allowed = allowed(handling, stage);
        if (!allowed.contains(to)) {
            throw new ConflictException("A case in " + handling + (handling == Handling.ACCEPTED ? " / " + stage : "") + " cannot move to " + to
                    + ". Allowed now: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ".", allowed);
        }
        if (targetStage != null && targetStage.needsDate() && request.date() == null) {
            throw new BadInputException("date", "moving to " + to + " needs the date it happened (yyyy-mm-dd)");
        }
        if (targetStage != null && targetStage.needsTrack() && (request.track() == null || request.track().isBlank())) {
            // Which tracks exist depends on the decision date (art. 69 Vw changed on 12 June 2026): the case service checks it.
            throw new BadInputException("track", "a rejection needs its track (the appeal term depends on it), e.g. manifestly-unfounded");
        }
        if (targetHandling == Handling.TRIAGE && (request.priority() == null || request.priority() < 1 || request.priority() > 3)) {
            throw new BadInputException("priority", "triage needs a priority of 1 (urgent), 2 or 3 (normal); got " + request.priority());
        }
        return new Step(targetHandling, targetStage, request.date(), request.track(), request.priority());
    }

    /** The past-tense event a step records, e.g. {@code case.triaged}, {@code case.applied}, {@code case.appealed}. */
    public static String eventType(Step step) {
        if (step.handling() != null) {
            return switch (step.handling()) {
                case TRIAGE -> "case.triaged";
                case ACCEPTED -> "case.accepted";
                case DECLINED -> "case.declined";
                case CLOSED -> "case.closed";
                case NEW, REFERRED -> throw new IllegalStateException("not a transition target: " + step.handling());
            };
        }
        return Objects.requireNonNull(step.stage()).eventType();
    }

    /** The stages a case may move to from {@code stage} (its row in the table above), or null if it has none. */
    public static @Nullable Set<Stage> nextStages(Stage stage) {
        return STAGES.get(stage);
    }

    static List<String> allTargets() {
        List<String> all = new ArrayList<>();
        for (Handling h : Handling.values()) {
            if (h != Handling.NEW && h != Handling.REFERRED) {
                all.add(h.name());
            }
        }
        for (Stage s : Stage.values()) {
            if (s != Stage.NONE) {
                all.add(s.name());
            }
        }
        return all;
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}

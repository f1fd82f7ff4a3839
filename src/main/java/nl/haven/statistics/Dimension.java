package nl.haven.statistics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import nl.haven.cases.CaseProfile;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.shared.BadInputException;

/**
 * The non-sensitive dimensions statistics count requests by, and the one place that derives each from a case's
 * profile. A request is counted by the month it arrived and by its current nationality, group category, route,
 * status and stage; a change of the case moves it from one bucket to another.
 *
 * <ul>
 * <li>{@code month}: {@code 2025-04}, the month the request arrived.</li>
 * <li>{@code nationality}: ISO 3166-1 alpha-2, or {@code unknown}.</li>
 * <li>{@code group}: one category per request, the first that applies: {@code trans} (trans or non-binary),
 * {@code intersex}, {@code lgb} (lesbian, gay, bisexual, queer, or LGBTI without more), {@code none-given}.</li>
 * <li>{@code route}: from the procedure stage: {@code asylum} (applied … further appeal), {@code regular}
 * (regular-route application or decision), {@code undecided} (no stage yet, or preparing).</li>
 * <li>{@code status}: the organisation's handling: new, triage, accepted, declined, referred, closed.</li>
 * <li>{@code stage}: the procedure stage, e.g. {@code general-procedure}.</li>
 * </ul>
 */
public enum Dimension {
    MONTH, NATIONALITY, GROUP, ROUTE, STATUS, STAGE;

    public static final String UNKNOWN_NATIONALITY = "unknown";
    public static final List<String> GROUP_CATEGORIES = List.of("trans", "intersex", "lgb", "none-given");
    /** The routes in display order: {@link Stage.Route}'s codes. */
    public static final List<String> ROUTES = Arrays.stream(Stage.Route.values()).map(Stage.Route::code).toList();

    /** The name in {@code ?by=}, CSV and message keys. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Dimension parse(String by) {
        String normalised = by == null ? "" : by.strip().toUpperCase(Locale.ROOT);
        for (Dimension d : values()) {
            if (d.name().equals(normalised)) {
                return d;
            }
        }
        throw new BadInputException("by", "unknown dimension '" + by + "': expected one of " + codes());
    }

    public static String codes() {
        return Arrays.stream(values()).map(Dimension::code).collect(Collectors.joining(", "));
    }

    /** The profile's key in this dimension. */
    public String keyOf(CaseProfile profile) {
        return switch (this) {
            case MONTH -> profile.opened().toString();
            case NATIONALITY -> profile.nationality() == null || profile.nationality().isBlank() ? UNKNOWN_NATIONALITY : profile.nationality();
            case GROUP -> groupCategory(profile.groups());
            case ROUTE -> route(profile.stage());
            case STATUS -> status(profile.handling());
            case STAGE -> stage(profile.stage());
        };
    }

    /** Every key this dimension can take, in display order, when that set is fixed (null for month and nationality). */
    public @org.jspecify.annotations.Nullable List<String> fixedKeys() {
        return switch (this) {
            case MONTH, NATIONALITY -> null;
            case GROUP -> GROUP_CATEGORIES;
            case ROUTE -> ROUTES;
            case STATUS -> Arrays.stream(Handling.values()).map(Dimension::status).toList();
            case STAGE -> Arrays.stream(Stage.values()).map(Dimension::stage).toList();
        };
    }

    static String groupCategory(List<String> groups) {
        boolean intersex = false;
        boolean lgb = false;
        for (String group : groups) {
            switch (group.strip().toLowerCase(Locale.ROOT)) {
                case "trans", "nonbinary" -> {
                    return "trans";
                }
                case "intersex" -> intersex = true;
                case "lesbian", "gay", "bisexual", "queer", "lgbti" -> lgb = true;
                default -> {
                    // an unknown code says nothing about the category
                }
            }
        }
        return intersex ? "intersex" : lgb ? "lgb" : "none-given";
    }

    static String route(Stage stage) {
        return stage.route().code();
    }

    static String status(Handling handling) {
        return handling.name().toLowerCase(Locale.ROOT);
    }

    static String stage(Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

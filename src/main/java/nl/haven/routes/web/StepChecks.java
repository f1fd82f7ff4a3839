package nl.haven.routes.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks the answers of one questionnaire step as it is sent: every problem of the step at once, each tied to its field
 * (the form's input id) with a message key of {@code messages*.properties} and its arguments. Numbers and dates are
 * read in the person's language ({@link LocalInput}) and must be plausible: an amount above 0 and below its ceiling
 * (a salary below € 1,000,000 a month), no date before 1900, no birth date in the future or after the application date.
 * No problem repeats the value that was typed.
 */
final class StepChecks {
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final BigDecimal MONTHLY_CEILING = new BigDecimal("1000000");
    static final BigDecimal CAPITAL_CEILING = new BigDecimal("100000000");
    static final int MAX_CONTRACT_MONTHS = 600;
    /** How far ahead an application or graduation date may be planned. */
    static final int YEARS_AHEAD = 10;
    /** Which step asks for which input, to send a person back to the first step with a problem. */
    static final Map<String, Integer> STEP_OF_INPUT = Map.ofEntries(Map.entry("nationality", 1), Map.entry("date", 1),
            Map.entry("dateOfBirth", 1), Map.entry("salary", 2), Map.entry("contractMonths", 2), Map.entry("graduatedOn", 2),
            Map.entry("capital", 3), Map.entry("ownership", 3), Map.entry("partnerDateOfBirth", 3), Map.entry("partnerIncome", 3),
            Map.entry("familyGrantedOn", 4));

    /** One thing to correct: the input's id, the message key, its arguments. */
    record Problem(String field, String key, List<Object> args) {
        public Object[] arguments() {
            return args.toArray();
        }
    }

    private final Locale locale;
    private final LocalDate today;
    private final Map<String, Problem> problems = new LinkedHashMap<>();

    private StepChecks(Locale locale, LocalDate today) {
        this.locale = locale;
        this.today = today;
    }

    /** The problems of one step, in the order of its fields (empty when all is well). */
    static Map<String, Problem> check(int step, RouteForm form, Locale locale, LocalDate today) {
        StepChecks checks = new StepChecks(locale, today);
        checks.step(step, form);
        return checks.problems;
    }

    /** The problems of every step, in step order. */
    static Map<String, Problem> all(RouteForm form, Locale locale, LocalDate today) {
        StepChecks checks = new StepChecks(locale, today);
        for (int step = 1; step <= RoutesPages.STEPS; step++) {
            checks.step(step, form);
        }
        return checks.problems;
    }

    private void step(int step, RouteForm f) {
        LocalDate application = f.date() == null ? null : LocalInput.date(f.date()).orElse(null);
        LocalDate latest = application != null && application.isBefore(today) ? application : today;
        switch (step) {
            case 1 -> {
                if (blank(f.nationality())) {
                    add("nationality", "routes.error.required");
                }
                date("date", f.date(), today.plusYears(YEARS_AHEAD), "routes.error.date.late");
                date("dateOfBirth", f.dateOfBirth(), latest, application != null && application.isBefore(today)
                        ? "routes.error.date.afterApplication" : "routes.error.date.future");
            }
            case 2 -> {
                amount("salary", f.salary(), MONTHLY_CEILING);
                whole("contractMonths", f.contractMonths(), 1, MAX_CONTRACT_MONTHS);
                date("graduatedOn", f.graduatedOn(), today.plusYears(YEARS_AHEAD), "routes.error.date.late");
            }
            case 3 -> {
                amount("capital", f.capital(), CAPITAL_CEILING);
                percent("ownership", f.ownership());
                date("partnerDateOfBirth", f.partnerDateOfBirth(), today, "routes.error.date.future");
                amount("partnerIncome", f.partnerIncome(), MONTHLY_CEILING);
            }
            case 4 -> date("familyGrantedOn", f.familyGrantedOn(), application == null ? today : application,
                    application == null ? "routes.error.date.future" : "routes.error.date.afterApplication");
            default -> {
            }
        }
    }

    private void amount(String field, @Nullable String text, BigDecimal ceiling) {
        if (blank(text)) {
            return;
        }
        Optional<BigDecimal> value = LocalInput.decimal(text, locale);
        if (value.isEmpty()) {
            add(field, "routes.error.number", LocalInput.format(new BigDecimal("1934.40"), locale));
        } else if (value.get().signum() <= 0 || value.get().compareTo(ceiling) >= 0) {
            add(field, "routes.error.amount", LocalInput.format(BigDecimal.ZERO, locale), LocalInput.format(ceiling, locale));
        }
    }

    private void percent(String field, @Nullable String text) {
        if (blank(text)) {
            return;
        }
        Optional<BigDecimal> value = LocalInput.decimal(text.replace("%", ""), locale);
        BigDecimal hundred = BigDecimal.valueOf(100);
        if (value.isEmpty() || value.get().signum() < 0 || value.get().compareTo(hundred) > 0) {
            add(field, "routes.error.percent", LocalInput.format(BigDecimal.ZERO, locale), LocalInput.format(hundred, locale));
        }
    }

    private void whole(String field, @Nullable String text, int min, int max) {
        if (blank(text)) {
            return;
        }
        Optional<Integer> value = LocalInput.whole(text);
        if (value.isEmpty() || value.get() < min || value.get() > max) {
            add(field, "routes.error.whole", LocalInput.format(BigDecimal.valueOf(min), locale),
                    LocalInput.format(BigDecimal.valueOf(max), locale));
        }
    }

    private void date(String field, @Nullable String text, LocalDate latest, String lateKey) {
        if (blank(text)) {
            return;
        }
        Optional<LocalDate> value = LocalInput.date(text);
        if (value.isEmpty()) {
            add(field, "routes.error.date", "31-12-1990");
        } else if (value.get().isBefore(EARLIEST)) {
            add(field, "routes.error.date.early", String.valueOf(EARLIEST.getYear()));
        } else if (value.get().isAfter(latest)) {
            add(field, lateKey, String.format(Locale.ROOT, "%02d-%02d-%04d", latest.getDayOfMonth(), latest.getMonthValue(), latest.getYear()));
        }
    }

    private void add(String field, String key, Object... args) {
        problems.putIfAbsent(field, new Problem(field, key, List.of(args)));
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}

package nl.haven.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.Countries;
import nl.haven.policy.EvidentiaryStandard;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyChange;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.Provision;
import nl.haven.shared.BadInputException;
import nl.haven.statistics.internal.CountStore;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The statistics module's published API: counts of requests by one dimension, the year-end forecast, the dashboard's
 * figures and the policy what-if, each for the caller's organisation (coordinators and analysts) and each through
 * {@link Disclosure}. The platform-wide what-if is for the command line only: Haven has no platform-administrator
 * role yet.
 */
@Service
public class Statistics {
    /** The first year Haven counts; earlier years are out of range. */
    public static final int FIRST_YEAR = 2000;
    private static final Set<Role> ROLES = EnumSet.of(Role.COORDINATOR, Role.ANALYST);

    private final CountStore store;
    private final StatisticsSettings settings;
    private final PolicyEngine engine;
    private final PolicyFiles files;
    private final Clock clock;

    Statistics(CountStore store, StatisticsSettings settings, PolicyEngine engine, PolicyFiles files, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.engine = engine;
        this.files = files;
        this.clock = clock;
    }

    public Disclosure.Rules rules() {
        return settings.rules();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    static void require(StaffMember who) {
        if (!ROLES.contains(who.role())) {
            throw new AccessDeniedException("statistics are for coordinators and analysts");
        }
    }

    /** The year asked for, or this year; a year before {@link #FIRST_YEAR} or after this one is bad input. */
    public int year(@Nullable Integer year) {
        int now = today().getYear();
        if (year == null) {
            return now;
        }
        if (year < FIRST_YEAR || year > now) {
            throw new BadInputException("year", "year " + year + " is out of range: expected " + FIRST_YEAR + " to " + now);
        }
        return year;
    }

    // --- requests ------------------------------------------------------------------------------------------------

    /** One breakdown as the API publishes it. */
    /** @param releasedAt when these numbers were released (they change only at release points); null before the first */
    public record Requests(int year, String by, int k, @Nullable Integer roundedTo, List<Disclosure.Cell> cells, Disclosure.Cell total,
            @Nullable Instant releasedAt) {
        public Requests {
            cells = List.copyOf(cells);
        }
    }

    /** {@code GET /api/v1/statistics/requests}: the requests of the caller's organisation in a year by one dimension. */
    @Transactional(readOnly = true)
    public Requests requests(StaffMember who, @Nullable Integer year, @Nullable String by) {
        require(who);
        Dimension dimension = by == null || by.isBlank() ? Dimension.MONTH : Dimension.parse(by);
        int y = year(year);
        Disclosure.Table table = population(who.org().value(), y).get(dimension);
        return new Requests(y, dimension.code(), rules().k(), rules().rounds() ? rules().roundTo() : null, table.cells(), table.total(),
                store.releasedAt().orElse(null));
    }

    /** Every breakdown of one organisation's requests in one year, protected together (they share their total). */
    public Map<Dimension, Disclosure.Table> population(UUID org, int year) {
        Map<String, Map<String, Long>> counts = store.year(org, year);
        Map<String, List<Disclosure.Raw>> tables = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            tables.put(d.code(), raw(d, year, counts.getOrDefault(d.code(), Map.of())));
        }
        Map<String, Disclosure.Table> published = Disclosure.protect(tables, rules());
        Map<Dimension, Disclosure.Table> out = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            out.put(d, published.get(d.code()));
        }
        return out;
    }

    /** A dimension's cells in display order: fixed keys (and every month) with zeros, nationalities present by code. */
    static List<Disclosure.Raw> raw(Dimension d, int year, Map<String, Long> counts) {
        List<Disclosure.Raw> raw = new ArrayList<>();
        List<String> keys;
        if (d == Dimension.MONTH) {
            keys = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                keys.add(YearMonth.of(year, m).toString());
            }
        } else if (d == Dimension.NATIONALITY) {
            keys = counts.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                    .sorted(Comparator.comparing((String key) -> key.equals(Dimension.UNKNOWN_NATIONALITY)).thenComparing(key -> key)).toList();
        } else {
            keys = d.fixedKeys();
        }
        for (String key : keys) {
            raw.add(new Disclosure.Raw(key, Math.max(0, counts.getOrDefault(key, 0L))));
        }
        return raw;
    }

    // --- forecast ------------------------------------------------------------------------------------------------

    /**
     * The forecast as published: the model's answer for the published count. When disclosure control publishes the
     * count only as a range, the forecast is made for the middle of that range (its low end when it is open upwards),
     * which anyone could compute from what is published, so the forecast discloses nothing more than the count.
     */
    public record PublishedForecast(@Nullable Long observed, @Nullable List<@Nullable Long> observedRange, @Nullable Boolean suppressed,
            LocalDate asOf, int year, @Nullable String nationality, long median, List<Long> interval80, List<Long> interval95,
            @Nullable Long target, @Nullable Double pAtLeastTarget) {

        /** The count so far for people: the number, or its published range. */
        public String observedText() {
            if (observed != null) {
                return observed.toString();
            }
            Long low = observedRange == null ? null : observedRange.get(0);
            Long high = observedRange == null ? null : observedRange.get(1);
            return high == null ? "≥ " + low : low + "–" + high;
        }
    }

    @Transactional(readOnly = true)
    public PublishedForecast forecast(StaffMember who, @Nullable Integer year, @Nullable String nationality, @Nullable Long target) {
        require(who);
        int y = year(year);
        String country = null;
        if (nationality != null && !nationality.isBlank()) {
            try {
                country = Countries.parse(nationality);
            } catch (PolicyInputException e) {
                throw new BadInputException("nationality", e.getMessage());
            }
        }
        Map<Dimension, Disclosure.Table> population = population(who.org().value(), y);
        Disclosure.Cell cell;
        if (country == null) {
            cell = population.get(Dimension.MONTH).total();
        } else {
            String c = country;
            cell = population.get(Dimension.NATIONALITY).cells().stream().filter(x -> x.key().equals(c)).findFirst()
                    .orElse(new Disclosure.Cell(c, 0L, null, null));
        }
        LocalDate today = today();
        LocalDate asOf = y == today.getYear() ? today : LocalDate.of(y, 12, 31);
        return published(cell, asOf, country, target);
    }

    public static PublishedForecast published(Disclosure.Cell cell, LocalDate asOf, @Nullable String nationality, @Nullable Long target) {
        Forecast f = Forecast.of(Math.min(cell.drawn(), Forecast.MAX_OBSERVED), asOf, target);
        return new PublishedForecast(cell.count(), cell.exact() ? null : cell.range(), cell.exact() ? null : Boolean.TRUE, asOf, f.year(),
                nationality, f.median(), f.interval80(), f.interval95(), f.target(), f.pAtLeastTarget());
    }

    // --- dashboard -----------------------------------------------------------------------------------------------

    /**
     * Everything the dashboard shows for a year: its breakdowns, the same months of the two years before (each year
     * protected with all of its own breakdowns), and, for the current year, the forecast with last year's total as the
     * target.
     */
    public record Dashboard(int year, LocalDate asOf, Map<Dimension, Disclosure.Table> tables, Map<Integer, Disclosure.Table> previousMonths,
            PublishedForecast forecast, Disclosure.Rules rules, @Nullable Instant releasedAt) {

        /** When the numbers were released, for the pages. */
        public @Nullable String releasedText() {
            return Statistics.releasedText(releasedAt);
        }
    }

    @Transactional(readOnly = true)
    public Dashboard dashboard(StaffMember who, @Nullable Integer year) {
        require(who);
        int y = year(year);
        UUID org = who.org().value();
        Map<Dimension, Disclosure.Table> tables = population(org, y);
        Map<Integer, Disclosure.Table> previous = new TreeMap<>();
        for (int p = y - 2; p < y; p++) {
            if (p >= FIRST_YEAR) {
                previous.put(p, population(org, p).get(Dimension.MONTH));
            }
        }
        Disclosure.Cell lastYear = previous.containsKey(y - 1) ? previous.get(y - 1).total() : null;
        Long target = lastYear == null || lastYear.drawn() == 0 ? null : lastYear.drawn() + 1;
        LocalDate today = today();
        LocalDate asOf = y == today.getYear() ? today : LocalDate.of(y, 12, 31);
        return new Dashboard(y, asOf, tables, previous, published(tables.get(Dimension.MONTH).total(), asOf, null, target), rules(),
                store.releasedAt().orElse(null));
    }

    /** A release time as the pages show it: in Amsterdam time, where Haven's organisations work, to the minute. */
    static @Nullable String releasedText(@Nullable Instant releasedAt) {
        return releasedAt == null ? null : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(releasedAt.atZone(ZoneId.of("Europe/Amsterdam")));
    }

    // --- what-if -------------------------------------------------------------------------------------------------

    /** A change file applied on top of the current data set; {@link nl.haven.policy.PolicyDataException} when refused. */
    public PolicyChange change(String name, String text) {
        return PolicyChange.apply(files, engine.dataSet(), name, text);
    }

    /** How many open cases move from one evidentiary standard to another. */
    public record Transition(String from, String to, Disclosure.Cell cases) {
    }

    /**
     * The answer of the what-if: counts only, disclosure-controlled.
     *
     * @param scope {@code organisation} or {@code platform}
     * @param openCases the open cases looked at
     * @param unchanged those whose standard stays the same (including those without nationality or group)
     */
    public record WhatIf(String scope, LocalDate date, String datasetVersion, String changedVersion, List<String> added, List<String> replaced,
            List<Transition> changes, Disclosure.Cell unchanged, Disclosure.Cell openCases, int k, @Nullable Instant releasedAt) {

        /** When the open cases counted were released, for the pages. */
        public @Nullable String releasedText() {
            return Statistics.releasedText(releasedAt);
        }
    }

    /** Progress of a long what-if: rows of combinations done and to do. */
    public interface Progress {
        void update(long done, long total);
    }

    /** The what-if over the caller's organisation's open cases. */
    @Transactional(readOnly = true)
    public WhatIf whatIf(StaffMember who, PolicyChange change, @Nullable LocalDate date) {
        require(who);
        return whatIf(who.org().value(), change, date, (done, total) -> { });
    }

    /**
     * The what-if over one organisation's open cases, or over every organisation's ({@code org} null: the platform
     * view, offered on the command line only). Each distinct combination of nationality, groups and facts is evaluated
     * once under the current and the changed data set, and counted as many times as there are such open cases.
     */
    @Transactional(readOnly = true)
    public WhatIf whatIf(@Nullable UUID org, PolicyChange change, @Nullable LocalDate date, Progress progress) {
        LocalDate on = date != null ? date : change.from().isAfter(today()) ? change.from() : today();
        PolicyEngine changed = new PolicyEngine(change.dataSet());
        long rows = store.openRows(org);
        Map<String, EvidentiaryStandard[]> evaluated = new HashMap<>();
        Map<String, Long> moves = new TreeMap<>();
        long[] unchanged = { 0 };
        long[] done = { 0 };
        progress.update(0, rows);
        store.forEachOpen(org, row -> {
            EvidentiaryStandard[] standards = evaluated.computeIfAbsent(row.nationality() + "|" + row.groups() + "|" + row.facts(),
                    key -> evaluate(row, on, changed));
            if (standards == null || standards[0] == standards[1]) {
                unchanged[0] += row.cases();
            } else {
                moves.merge(standards[0] + ">" + standards[1], row.cases(), Long::sum);
            }
            if (++done[0] % 10_000 == 0) {
                progress.update(done[0], rows);
            }
        });
        progress.update(rows, rows);
        List<Disclosure.Raw> raw = new ArrayList<>();
        moves.forEach((key, n) -> raw.add(new Disclosure.Raw(key, n)));
        raw.add(new Disclosure.Raw("unchanged", unchanged[0]));
        Disclosure.Table table = Disclosure.protect(raw, rules());
        List<Transition> transitions = new ArrayList<>();
        for (Disclosure.Cell cell : table.cells().subList(0, table.cells().size() - 1)) {
            String[] fromTo = cell.key().split(">");
            transitions.add(new Transition(fromTo[0], fromTo[1], cell));
        }
        return new WhatIf(org == null ? "platform" : "organisation", on, engine.dataSet().version(), change.dataSet().version(),
                change.added().stream().map(Provision::id).toList(),
                change.replaced().stream().map(Provision::id).toList(), transitions,
                table.cells().get(table.cells().size() - 1), table.total(), rules().k(), store.releasedAt().orElse(null));
    }

    /** The standard under the current and the changed data set; null when there is nothing to assess. */
    private @Nullable EvidentiaryStandard[] evaluate(CountStore.OpenRow row, LocalDate on, PolicyEngine changed) {
        if (row.nationality().isEmpty() || row.groups().isEmpty()) {
            return null;
        }
        Set<Group> groups = EnumSet.noneOf(Group.class);
        for (String code : row.groups().split(",")) {
            for (Group g : Group.values()) {
                if (g.code().equals(code)) {
                    groups.add(g);
                }
            }
        }
        if (groups.isEmpty()) {
            return null;
        }
        Set<String> facts = row.facts().isEmpty() ? Set.of() : Set.of(row.facts().split(","));
        AssessmentQuery query = new AssessmentQuery(row.nationality(), null, groups, facts, on, null);
        return new EvidentiaryStandard[] { engine.assess(query).standard(), changed.assess(query).standard() };
    }

    /** For the dashboard's year selector: this year and the ones before it, back to {@link #FIRST_YEAR}. */
    public List<Integer> years(int count) {
        List<Integer> years = new ArrayList<>();
        for (int y = Year.now(clock).getValue(); y > Year.now(clock).getValue() - count && y >= FIRST_YEAR; y--) {
            years.add(y);
        }
        return years;
    }
}

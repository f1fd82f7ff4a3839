package nl.haven.statistics.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.haven.policy.ChangeDraft;
import nl.haven.policy.ChangeFile;
import nl.haven.policy.Country;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.Provision;
import nl.haven.policy.ProvisionKind;
import nl.haven.policy.Text;
import org.jspecify.annotations.Nullable;

/**
 * The what-if form as posted (issue #19 point 9): country, region, groups, the kind of provision (the evidentiary
 * standard it sets) and the day it starts, every value as typed. {@link #check} names every field that is wrong at
 * once; {@link #draft} is the change it means. Plain Java: {@code WhatIfFormTests}.
 */
record WhatIfForm(String country, String region, List<String> groups, String kind, String from) {

    /** The form's fields, as the page's element ids name them ({@code wi-} + field). */
    static final List<String> FIELDS = List.of("country", "region", "groups", "kind", "from");
    /** The Dutch way of writing a date: day, month, year (31-12-2026, also 1-2-2026). */
    static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT);
    static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

    WhatIfForm {
        country = country.strip();
        region = region.strip();
        groups = List.copyOf(groups);
        kind = kind.strip();
        from = from.strip();
    }

    static WhatIfForm empty() {
        return new WhatIfForm("", "", List.of(), "", "");
    }

    /** What is wrong with one field: its message key ({@code statistics.whatIf.form.error.*}) and the arguments after the field's name. */
    record Problem(String field, String key, List<Object> args) {
        Problem {
            args = List.copyOf(args);
        }
    }

    /** A checked form: the change it means, or the problems of every field that is wrong. */
    record Checked(@Nullable Choice choice, List<Problem> problems) {
        Checked {
            problems = List.copyOf(problems);
        }
    }

    /** The form's values read. */
    record Choice(Country country, @Nullable String region, Set<Group> groups, ProvisionKind kind, LocalDate from) {
        ChangeDraft draft(Text summary) {
            return new ChangeDraft(country.code(), region, groups, kind, from, summary);
        }
    }

    /** Reads every field against the data set; every problem at once, in the order of the form. */
    Checked check(PolicyDataSet dataSet) {
        List<Problem> problems = new ArrayList<>();
        Country c = null;
        if (country.isEmpty()) {
            problems.add(new Problem("country", "statistics.whatIf.form.error.country.missing", List.of()));
        } else {
            c = dataSet.countries().get(country);
            if (c == null) {
                problems.add(new Problem("country", "statistics.whatIf.form.error.country.unknown", List.of(country)));
            }
        }
        String r = region.isEmpty() ? null : region;
        if (r != null && c != null && !c.hasRegion(r)) {
            problems.add(new Problem("region", "statistics.whatIf.form.error.region.unknown", List.of(r)));
        }
        Set<Group> g = EnumSet.noneOf(Group.class);
        for (String code : groups) {
            try {
                g.add(Group.parse(code));
            } catch (PolicyInputException e) {
                problems.add(new Problem("groups", "statistics.whatIf.form.error.groups.unknown", List.of(code)));
            }
        }
        if (groups.isEmpty()) {
            problems.add(new Problem("groups", "statistics.whatIf.form.error.groups.missing", List.of()));
        }
        ProvisionKind k = ChangeDraft.KINDS.stream().filter(candidate -> candidate.name().equals(kind)).findFirst().orElse(null);
        if (k == null) {
            problems.add(kind.isEmpty() ? new Problem("kind", "statistics.whatIf.form.error.kind.missing", List.of())
                    : new Problem("kind", "statistics.whatIf.form.error.kind.unknown", List.of(kind)));
        }
        LocalDate day = null;
        if (from.isEmpty()) {
            problems.add(new Problem("from", "statistics.whatIf.form.error.from.missing", List.of()));
        } else {
            day = date(from);
            if (day == null) {
                problems.add(new Problem("from", "statistics.whatIf.form.error.from.bad", List.of(from)));
            } else if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
                problems.add(new Problem("from", "statistics.whatIf.form.error.from.range",
                        List.of(day.toString(), EARLIEST.toString(), LATEST.toString())));
                day = null;
            }
        }
        if (!problems.isEmpty() || c == null || k == null || day == null) {
            return new Checked(null, problems);
        }
        Choice choice = new Choice(c, r, g, k, day);
        Provision blocking = ChangeFile.blockedBy(dataSet, choice.draft(new Text(Map.of("en", "", "nl", "")))).orElse(null);
        if (blocking != null) {
            return new Checked(null, List.of(new Problem("from", "statistics.whatIf.form.error.from.blocked",
                    List.of(blocking.validFrom().toString(), day.toString()))));
        }
        return new Checked(choice, List.of());
    }

    /** A typed date: ISO ({@code 2026-12-31}, what a date field sends) or Dutch ({@code 31-12-2026}); null when it is not a day. */
    static @Nullable LocalDate date(String typed) {
        try {
            return typed.matches("\\d{4}-.*") ? LocalDate.parse(typed) : LocalDate.parse(typed, DUTCH_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

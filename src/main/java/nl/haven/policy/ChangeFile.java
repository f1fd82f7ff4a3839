package nl.haven.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import nl.haven.shared.Languages;

/**
 * Writes the change file for a {@link ChangeDraft} (the what-if form, issue #19 point 9): the same YAML an expert would
 * paste (see {@code docs/examples/what-if-us-trans-risk-group-2026.yaml}), built as maps and lists and written by
 * SnakeYAML, never by joining text, so nothing typed can change its structure.
 *
 * <p>The file holds a hypothetical source, the new provision, and what the data set needs so that nothing contradicts
 * it (the loader refuses two standards for one group on one day, {@code DataSetChecks}): every provision of the country
 * that sets another standard for one of the groups, over the same region scope, on or after the day, is ended the day
 * before (its {@code validTo} is the day: exclusive) and, where it also covers other groups, continued for those from the
 * day on, as the example file does by hand. A provision that starts on or after the day only for some of the groups is
 * narrowed to the others; one that starts on or after the day for all of them cannot be removed by a change file: see
 * {@link #blockedBy}.
 */
public final class ChangeFile {
    /** The source type of the hypothetical source: a letter to parliament, as a real change would be announced. */
    static final String SOURCE_TYPE = "kamerstuk";

    private ChangeFile() {
    }

    /**
     * A provision the draft would contradict that starts on or after its day for all of its groups: a change file can
     * end or narrow a provision but not remove it, so the draft cannot be written (choose its start day or a later one).
     */
    public static Optional<Provision> blockedBy(PolicyDataSet base, ChangeDraft draft) {
        return contradicted(base, draft).filter(p -> !p.validFrom().isBefore(draft.from()) && draft.groups().containsAll(p.appliesTo()))
                .min(Comparator.comparing(Provision::validFrom));
    }

    /** The change file's text; {@link PolicyInputException} (field {@code from}) when {@link #blockedBy} names a provision. */
    public static String write(PolicyDataSet base, ChangeDraft draft) {
        Optional<Provision> blocked = blockedBy(base, draft);
        if (blocked.isPresent()) {
            throw new PolicyInputException("from", "provision '" + blocked.get().id() + "' starts on " + blocked.get().validFrom()
                    + ", on or after " + draft.from() + ", for all of these groups: a change file cannot remove it");
        }
        Set<String> taken = new HashSet<>();
        base.provisions().forEach(p -> taken.add(p.id()));
        taken.addAll(base.sources().keySet());
        taken.addAll(base.facts().keySet());
        String country = draft.country().toLowerCase(Locale.ROOT);
        String sourceId = unique("what-if-" + country + "-" + draft.from(), taken);

        List<Map<String, Object>> provisions = new ArrayList<>();
        for (Provision p : contradicted(base, draft).toList()) {
            Set<Group> rest = EnumSet.allOf(Group.class);
            rest.retainAll(p.appliesTo());
            rest.removeAll(draft.groups());
            if (p.validFrom().isBefore(draft.from())) {
                provisions.add(provision(p.id(), p, p.appliesTo(), p.validFrom(), draft.from(), p.publishedOn(), p.confidence(), p.sources(),
                        p.summary(), p.datePrecision()));
                if (!rest.isEmpty()) {
                    List<String> sources = new ArrayList<>(p.sources());
                    sources.add(sourceId);
                    provisions.add(provision(unique(p.id() + "-what-if-rest", taken), p, rest, draft.from(), p.validTo(), draft.from(),
                            Confidence.SECONDARY, sources, p.summary(), DatePrecision.DAY));
                }
            } else {
                provisions.add(provision(p.id(), p, rest, p.validFrom(), p.validTo(), p.publishedOn(), p.confidence(), p.sources(), p.summary(),
                        p.datePrecision()));
            }
        }
        String id = unique("what-if-" + (draft.region() == null ? country : draft.region().toLowerCase(Locale.ROOT)) + "-"
                + draft.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + draft.from(), taken);
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("id", id);
        added.put("kind", draft.kind().name());
        added.put("appliesTo", groups(draft.groups()));
        added.put("regions", draft.regions());
        added.put("validFrom", draft.from().toString());
        added.put("validTo", null);
        added.put("publishedOn", draft.from().toString());
        added.put("confidence", Confidence.SECONDARY.name());
        added.put("sources", List.of(sourceId));
        added.put("summary", text(draft.summary()));
        provisions.add(added);

        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", sourceId);
        source.put("type", SOURCE_TYPE);
        source.put("title", "What-if (hypothetical, not policy): " + draft.summary().en());
        source.put("reference", "Haven what-if form");
        source.put("date", draft.from().toString());
        source.put("url", "");
        source.put("language", "en");

        Map<String, Object> file = new LinkedHashMap<>();
        file.put("schemaVersion", 1);
        file.put("sources", List.of(source));
        file.put("country", draft.country());
        file.put("provisions", provisions);
        return yaml().dump(file);
    }

    /** The country's standard-setting provisions of another kind for one of the groups, same region scope, in force on or after the day. */
    static Stream<Provision> contradicted(PolicyDataSet base, ChangeDraft draft) {
        Set<String> scope = new TreeSet<>(draft.regions());
        return base.provisionsOf(draft.country()).stream()
                .filter(p -> p.kind().setsStandard() && p.kind() != draft.kind())
                .filter(p -> new TreeSet<>(p.regions()).equals(scope))
                .filter(p -> !Collections.disjoint(p.appliesTo(), draft.groups()))
                .filter(p -> p.validTo() == null || p.validTo().isAfter(draft.from()));
    }

    /** An existing provision written again with other groups, dates or sources (the rest as it was). */
    private static Map<String, Object> provision(String id, Provision p, Set<Group> appliesTo, LocalDate from, @Nullable LocalDate to,
            LocalDate publishedOn, Confidence confidence, List<String> sources, Text summary, DatePrecision precision) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("kind", p.kind().name());
        entry.put("appliesTo", groups(appliesTo));
        entry.put("regions", p.regions());
        if (!p.exceptRegions().isEmpty()) {
            entry.put("exceptRegions", p.exceptRegions());
        }
        entry.put("validFrom", from.toString());
        entry.put("validTo", to == null ? null : to.toString());
        if (precision != DatePrecision.DAY) {
            entry.put("datePrecision", precision.name());
        }
        entry.put("publishedOn", publishedOn.toString());
        entry.put("confidence", confidence.name());
        entry.put("sources", sources);
        entry.put("summary", text(summary));
        if (p.regime() != null) {
            entry.put("regime", p.regime());
        }
        return entry;
    }

    private static List<String> groups(Set<Group> groups) {
        if (groups.containsAll(EnumSet.allOf(Group.class))) {
            return List.of(Group.ALL);
        }
        return EnumSet.copyOf(groups).stream().map(Group::code).toList();
    }

    private static Map<String, String> text(Text text) {
        Map<String, String> byLanguage = new LinkedHashMap<>();
        for (String language : Languages.dataTexts()) {
            String value = text.byLanguage().get(language);
            if (value != null) {
                byLanguage.put(language, value);
            }
        }
        return byLanguage;
    }

    private static String unique(String id, Set<String> taken) {
        String candidate = id;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = id + "-" + n;
        }
        taken.add(candidate);
        return candidate;
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setAllowUnicode(true);
        options.setSplitLines(false);
        options.setWidth(200);
        options.setDereferenceAliases(true); // the same empty list twice is written twice, not as an anchor and an alias
        return new Yaml(options);
    }
}

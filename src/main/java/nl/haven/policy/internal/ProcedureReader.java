package nl.haven.policy.internal;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.haven.policy.Confidence;
import nl.haven.policy.EquatedDays;
import nl.haven.policy.HolidayRule;
import nl.haven.policy.LegalTerm;
import nl.haven.policy.Procedure;
import nl.haven.policy.ProcedureStage;
import nl.haven.policy.TermLength;
import nl.haven.policy.TermUnit;
import nl.haven.policy.TermsAct;
import nl.haven.policy.Text;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code procedure.yaml} (POLICY-DATA.md, "Procedure") with the same strictness and
 * {@code FILE:LINE: message} errors as the rest of the data set; source ids are checked with the
 * others once every file is read.
 */
final class ProcedureReader {
    private static final Pattern MONTH_DAY = Pattern.compile("(\\d{2})-(\\d{2})");

    private final DataSetReader reader;
    private final String path;

    ProcedureReader(DataSetReader reader, String path) {
        this.reader = reader;
        this.path = path;
    }

    private void error(YamlMap entry, String key, String message) {
        reader.errors.add(entry.file() + ":" + entry.lineOf(key) + ": " + message);
    }

    Procedure read(Node root) {
        YamlMap top = reader.top(root, path);
        if (top == null) {
            return Procedure.none();
        }
        LocalDate reviewedOn = reader.reviewedOn(top, true);
        TermsAct termsAct = termsAct(top);
        List<HolidayRule> holidays = new ArrayList<>();
        for (YamlMap entry : top.maps("holidays")) {
            HolidayRule rule = holiday(entry);
            if (rule != null) {
                holidays.add(rule);
            }
        }
        List<EquatedDays> equated = new ArrayList<>();
        Map<Integer, String> yearOrigin = new HashMap<>();
        for (YamlMap entry : top.maps("equatedDays")) {
            EquatedDays decree = equatedDays(entry, yearOrigin);
            if (decree != null) {
                equated.add(decree);
            }
        }
        List<ProcedureStage> stages = new ArrayList<>();
        for (YamlMap entry : top.maps("stages")) {
            ProcedureStage stage = stage(entry);
            if (stage != null) {
                stages.add(stage);
            }
        }
        Map<String, LegalTerm> terms = new LinkedHashMap<>();
        for (YamlMap entry : top.maps("terms")) {
            LegalTerm term = term(entry);
            if (term != null) {
                terms.put(term.id(), term);
            }
        }
        top.rejectUnknownKeys();
        return new Procedure(stages, terms, termsAct, holidays, equated, reviewedOn);
    }

    private @Nullable TermsAct termsAct(YamlMap top) {
        YamlMap act = top.map("termsAct");
        if (act == null) {
            return null;
        }
        LocalDate validFrom = act.date("validFrom");
        Confidence confidence = act.enumValue("confidence", Confidence.class, null);
        List<String> sources = reader.sourcesOf(act);
        act.rejectUnknownKeys();
        return validFrom == null || confidence == null ? null : new TermsAct(validFrom, confidence, sources);
    }

    /** validFrom and validTo as every dated entry of the data set reads them ({@link DataSetReader#validity}). */
    private DataSetReader.@Nullable Validity validity(YamlMap entry) {
        return reader.validity(entry, "one");
    }

    private @Nullable HolidayRule holiday(YamlMap entry) {
        String id = entry.string("id");
        HolidayRule.Kind kind = entry.enumValue("rule", HolidayRule.Kind.class, null);
        MonthDay date = null;
        int offset = 0;
        int ifSunday = 0;
        if (kind == HolidayRule.Kind.FIXED) {
            date = monthDay(entry, "date");
            Integer shift = entry.integer("ifSunday", false);
            ifSunday = shift == null ? 0 : shift;
            if (entry.has("offset")) {
                entry.optionalString("offset");
                error(entry, "offset", "'offset' belongs only to EASTER holidays");
            }
        } else if (kind == HolidayRule.Kind.EASTER) {
            Integer days = entry.integer("offset", true);
            offset = days == null ? 0 : days;
            for (String key : List.of("date", "ifSunday")) {
                if (entry.has(key)) {
                    entry.optionalString(key);
                    error(entry, key, "'" + key + "' belongs only to FIXED holidays");
                }
            }
        }
        String article = entry.string("article");
        DataSetReader.Validity validity = validity(entry);
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sources = reader.sourcesOf(entry);
        Text name = entry.text("name");
        entry.rejectUnknownKeys();
        boolean complete = kind != null && (kind != HolidayRule.Kind.FIXED || date != null) && validity != null && confidence != null;
        if (id.isEmpty() || !reader.claimId(entry, id) || !complete) {
            return null;
        }
        return new HolidayRule(id, kind, date, offset, ifSunday, article, validity.from(), validity.to(), confidence, sources, name, entry.where());
    }

    private @Nullable MonthDay monthDay(YamlMap entry, String key) {
        String text = entry.optionalString(key);
        if (text == null) {
            entry.error("missing '" + key + "': a month and day MM-DD, e.g. 12-25");
            return null;
        }
        if (MONTH_DAY.matcher(text).matches()) {
            try {
                return MonthDay.parse("--" + text);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        error(entry, key, "'" + key + "' is '" + text + "', not a month and day: expected MM-DD, e.g. 12-25");
        return null;
    }

    private @Nullable EquatedDays equatedDays(YamlMap entry, Map<Integer, String> yearOrigin) {
        String id = entry.string("id");
        List<Integer> years = new ArrayList<>();
        for (String text : entry.strings("years")) {
            try {
                int year = Integer.parseInt(text.strip());
                String previous = yearOrigin.putIfAbsent(year, entry.where());
                if (previous != null) {
                    error(entry, "years", "the year " + year + " is already covered by the equated days at " + previous);
                }
                years.add(year);
            } catch (NumberFormatException e) {
                error(entry, "years", "'years' lists '" + text + "', not a year");
            }
        }
        if (years.isEmpty() && entry.has("years")) {
            error(entry, "years", "'years' names no year: list the years the decree covers");
        } else if (!entry.has("years")) {
            entry.error("missing 'years': the years the decree covers");
        }
        List<LocalDate> dates = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (String text : entry.strings("dates")) {
            try {
                LocalDate date = LocalDate.parse(text.strip());
                if (!years.contains(date.getYear())) {
                    error(entry, "dates", "the date " + date + " is not in the years the decree covers " + years);
                }
                if (!seen.add(date)) {
                    error(entry, "dates", "the date " + date + " is listed twice");
                }
                dates.add(date);
            } catch (DateTimeParseException e) {
                error(entry, "dates", "'dates' lists '" + text + "', not a date: expected YYYY-MM-DD");
            }
        }
        if (!entry.has("dates")) {
            entry.error("missing 'dates' (write dates: [] for years without equated days)");
        }
        String article = entry.string("article");
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sources = reader.sourcesOf(entry);
        Text name = entry.text("name");
        entry.rejectUnknownKeys();
        if (id.isEmpty() || !reader.claimId(entry, id) || confidence == null) {
            return null;
        }
        return new EquatedDays(id, years, dates, article, confidence, sources, name, entry.where());
    }

    private @Nullable ProcedureStage stage(YamlMap entry) {
        String id = entry.string("id");
        Integer order = entry.integer("order", true);
        Text name = entry.text("name");
        Text description = entry.text("description");
        DataSetReader.Validity validity = validity(entry);
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sources = reader.sourcesOf(entry);
        String regime = regime(entry);
        entry.rejectUnknownKeys();
        if (id.isEmpty() || !reader.claimId(entry, id) || order == null || validity == null || confidence == null) {
            return null;
        }
        return new ProcedureStage(id, order, name, description, validity.from(), validity.to(), confidence, sources, entry.where(), regime);
    }

    /**
     * The optional {@code regime:} of a stage or term version: the id of an entry of {@code regimes.yaml}, checked with the
     * data set's other references once every file is read.
     */
    private @Nullable String regime(YamlMap entry) {
        String regime = entry.optionalString("regime");
        if (regime != null && !PolicyVocabulary.ID.matcher(regime).matches()) {
            error(entry, "regime", "regime '" + regime + "' must be kebab-case, e.g. vw2000-pact");
            return null;
        }
        return reader.regimeOf(entry);
    }

    private @Nullable LegalTerm term(YamlMap entry) {
        String id = entry.string("id");
        Text name = entry.text("name");
        Text event = entry.text("event");
        List<LegalTerm.Version> versions = new ArrayList<>();
        List<YamlMap> versionMaps = entry.maps("versions");
        if (versionMaps.isEmpty()) {
            entry.error("legal term '" + id + "' has no versions");
        }
        for (YamlMap v : versionMaps) {
            LegalTerm.Version version = version(v, id);
            if (version == null) {
                continue;
            }
            for (LegalTerm.Version other : versions) {
                boolean overlap = (other.validTo() == null || version.validFrom().isBefore(other.validTo()))
                        && (version.validTo() == null || other.validFrom().isBefore(version.validTo()));
                // a version for older applications only may share its dates with one for every application: it is the more specific
                boolean oneForOlderApplications = (other.applicationsBefore() == null) != (version.applicationsBefore() == null);
                if (overlap && !oneForOlderApplications) {
                    v.error("this version of '" + id + "' from " + version.validFrom() + " overlaps the one from " + other.validFrom() + " ("
                            + other.origin() + ")");
                }
            }
            versions.add(version);
        }
        entry.rejectUnknownKeys();
        if (id.isEmpty() || !reader.claimId(entry, id) || versions.isEmpty()) {
            return null;
        }
        versions.sort(Comparator.comparing(LegalTerm.Version::validFrom));
        return new LegalTerm(id, name, event, versions);
    }

    private LegalTerm.@Nullable Version version(YamlMap v, String termId) {
        DataSetReader.Validity validity = validity(v);
        Confidence confidence = v.enumValue("confidence", Confidence.class, null);
        List<String> sources = reader.sourcesOf(v);
        List<TermLength> lengths = new ArrayList<>();
        boolean single = v.has("length");
        boolean multiple = v.has("tracks");
        if (single && multiple) {
            v.error("give 'length' (a term without tracks) or 'tracks', not both");
        } else if (!single && !multiple) {
            v.error("missing 'length' or 'tracks': how long the term is");
        }
        if (single) {
            YamlMap length = v.map("length");
            TermLength parsed = length == null ? null : length(length, false);
            if (parsed != null) {
                lengths.add(parsed);
            }
        }
        if (multiple) {
            Set<String> seen = new HashSet<>();
            List<YamlMap> tracks = v.maps("tracks");
            if (tracks.isEmpty()) {
                error(v, "tracks", "'tracks' lists no track");
            }
            for (YamlMap track : tracks) {
                TermLength parsed = length(track, true);
                if (parsed != null && !seen.add(parsed.track())) {
                    track.error("duplicate track '" + parsed.track() + "' in this version of '" + termId + "'");
                } else if (parsed != null) {
                    lengths.add(parsed);
                }
            }
        }
        Text note = v.has("note") ? v.text("note") : null;
        String regime = regime(v);
        LocalDate applicationsBefore = v.optionalDate("applicationsBefore");
        boolean termsAct = true;
        String atw = v.optionalString("termsAct");
        if (atw != null) {
            if (atw.equals("false") || atw.equals("true")) {
                termsAct = Boolean.parseBoolean(atw);
            } else {
                error(v, "termsAct", "'termsAct' is '" + atw + "': expected true or false (false for a time limit of an EU regulation)");
            }
        }
        String defaultTrack = v.optionalString("defaultTrack");
        if (defaultTrack != null && lengths.stream().noneMatch(l -> defaultTrack.equals(l.track()))) {
            error(v, "defaultTrack", "defaultTrack '" + defaultTrack + "' is not one of this version's tracks");
        }
        LegalTerm.RunsFrom runsFrom = v.has("runsFrom") ? v.enumValue("runsFrom", LegalTerm.RunsFrom.class, null) : null;
        v.rejectUnknownKeys();
        if (validity == null || confidence == null || lengths.isEmpty()) {
            return null;
        }
        return new LegalTerm.Version(validity.from(), validity.to(), confidence, sources, lengths, note, v.where(), regime, applicationsBefore,
                termsAct, defaultTrack, runsFrom);
    }

    private @Nullable TermLength length(YamlMap entry, boolean withTrack) {
        String track = withTrack ? entry.string("track") : null;
        if (track != null && !track.isEmpty() && !PolicyVocabulary.ID.matcher(track).matches()) {
            error(entry, "track", "track '" + track + "' must be kebab-case: lower-case letters and digits joined by hyphens");
            track = "";
        }
        Integer amount = entry.integer("amount", true);
        if (amount != null && amount < 1) {
            error(entry, "amount", "'amount' is " + amount + ": a term is 1 or more");
            amount = null;
        }
        TermUnit unit = entry.enumValue("unit", TermUnit.class, null);
        String article = entry.string("article");
        entry.rejectUnknownKeys();
        if (amount == null || unit == null || track != null && track.isEmpty()) {
            return null;
        }
        return new TermLength(track, amount, unit, article);
    }
}

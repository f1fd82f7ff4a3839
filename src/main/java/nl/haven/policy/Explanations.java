package nl.haven.policy;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import nl.haven.shared.Languages;

/**
 * The step-by-step explanation and the warnings of an assessment, in en, nl or ru. Plain Java, no
 * Spring: the same text for the CLI, the API and the explorer.
 */
final class Explanations {

    private final String language;
    private final ResourceBundle texts;

    private Explanations(String language) {
        this.language = language;
        this.texts = ResourceBundle.getBundle("nl.haven.policy.Explanations", Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static Explanations in(String language) {
        return new Explanations(languages().contains(language) ? language : "en");
    }

    static List<String> languages() {
        return Languages.codes();
    }

    private String t(String key, Object... args) {
        return new MessageFormat(texts.getString(key), Locale.ROOT).format(args);
    }

    List<String> warnings(Assessment a) {
        List<String> warnings = new ArrayList<>();
        for (Provision p : a.provisions()) {
            warn(warnings, p.id(), p.confidence(), p.datePrecision(), p.validFrom().toString());
        }
        for (Safeguard s : a.safeguards()) {
            warn(warnings, s.id(), s.confidence(), DatePrecision.DAY, s.validFrom().toString());
        }
        if (a.country() != null && a.country().review().staleOn(a.date())) {
            warnings.add(stale(a.country().review(), a.date()));
        }
        if (a.listing() != null && !a.listing().exceptionsKnown() && a.listingStoppedBy() == null) {
            warnings.add(t("warnExceptionsUnknown", a.listing().id()));
        }
        for (ListStatement st : a.listStatements()) {
            if (st.confidence() != Confidence.PRIMARY) {
                warnings.add(t("warnStatementSecondary", st.id()));
            }
        }
        return warnings;
    }

    /** The currency warning of {@link Review#warning}. */
    String stale(Review review, LocalDate date) {
        return t("warnStale", review.file(), String.valueOf(review.reviewedOn()), String.valueOf(review.ageOn(date)), date.toString(),
                String.valueOf(Review.MAX_AGE_DAYS));
    }

    private void warn(List<String> warnings, String id, Confidence confidence, DatePrecision precision, String from) {
        switch (confidence) {
            case SECONDARY -> warnings.add(t("warnSecondary", id));
            case UNCONFIRMED_CONTINUATION -> warnings.add(t("warnContinuation", id, from));
            case PRIMARY -> {
            }
        }
        if (precision != DatePrecision.DAY) {
            warnings.add(t("warnPrecision", id, texts.getString(precision.name()), from));
        }
    }

    List<String> explain(Assessment a, PolicyDataSet dataSet) {
        List<String> lines = new ArrayList<>();
        String country = countryName(a);
        String groups = a.groups().stream().map(Group::code).sorted().collect(Collectors.joining(", "));
        String knownAt = a.query().knownAt() == null ? "" : t("knownAt", a.query().knownAt().toString());
        lines.add(t("query", country, a.region() == null ? "" : t("region", a.region()), groups, a.date().toString(), knownAt));
        if (dataSet.provisionsOf(a.nationality()).isEmpty()) {
            lines.add(t("noCountry", country));
        } else if (a.provisions().isEmpty()) {
            lines.add(t("none", country));
        } else {
            lines.add(t("applying", a.provisions().size(), a.provisions().stream().map(Provision::id).collect(Collectors.joining(", "))));
        }
        Provision decisive = a.decisive();
        if (decisive == null) {
            lines.add(t("ordinary"));
        } else if (decisive.kind() == ProvisionKind.NO_GROUP_POLICY) {
            lines.add(t("noGroupPolicy", decisive.id()));
        } else {
            lines.add(t("standard", a.standard().name(), decisive.id(), decisive.kind().name()));
        }
        if (a.riskGroup()) {
            lines.add(t("riskGroup"));
        }
        Provision listing = a.listing();
        if (listing == null) {
            lines.add(t("notSafe", country));
        } else {
            String list = texts.getString("list" + (listing.level() == null ? SafeCountryLevel.NATIONAL : listing.level()).name());
            ListStatement stop = a.listingStoppedBy();
            if (stop != null) {
                lines.add(t("safeStopped", country, listing.id(), list, texts.getString("stop" + stop.kind().name()), stop.id()));
            } else if (a.safeCountryException()) {
                lines.add(t("safeException", country, listing.id(), list));
            } else {
                lines.add(t(listing.exceptionsKnown() ? "safe" : "safeExceptionsUnknown", country, listing.id(), list));
            }
        }
        if (!a.listStatements().isEmpty()) {
            lines.add(t("listNotes", a.listStatements().size(), a.listStatements().stream().map(ListStatement::id)
                    .collect(Collectors.joining(", "))));
        }
        if (a.relocationBy() == null) {
            lines.add(t("relocationOpen"));
        } else if (a.relocationConsidered()) {
            lines.add(t("relocation", String.join(", ", a.relocationRegions()), a.relocationBy().id()));
        } else {
            lines.add(t("noRelocation", a.relocationBy().id()));
        }
        if (!a.query().facts().isEmpty()) {
            lines.add(t("facts", a.query().facts().stream().sorted().collect(Collectors.joining(", ")), a.notes().size()));
        }
        lines.add(t("safeguards", a.safeguards().size()));
        long uncertain = a.provisions().stream().filter(Provision::uncertain).count()
                + a.safeguards().stream().filter(s -> s.confidence() != Confidence.PRIMARY).count();
        if (uncertain > 0) {
            lines.add(t("uncertain", uncertain));
        }
        List<Regime> law = dataSet.regimesOn(a.date());
        if (!law.isEmpty()) {
            lines.add(t("law", law.stream().map(r -> r.name().in(language)).collect(Collectors.joining("; "))));
        }
        lines.add(t("support"));
        return lines;
    }

    private String countryName(Assessment a) {
        String name = Countries.name(a.country(), a.nationality(), language);
        return a.nationality() + " (" + name + ")";
    }
}

package nl.haven.policy;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The step-by-step explanation and the warnings of an assessment, in en, nl or ru. Plain Java, no
 * Spring: the same text for the CLI, the API and the explorer.
 */
final class Explanations {

    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "en", Map.ofEntries(
                    Map.entry("query", "{0}{1}; groups: {2}; the policy in force on {3}{4}."),
                    Map.entry("knownAt", ", as it was known on {0}"),
                    Map.entry("region", ", region {0}"),
                    Map.entry("noCountry", "The data set has no country-specific provision for {0}: only the general rules and safeguards apply."),
                    Map.entry("none", "No provision for {0} applies on this date to these groups."),
                    Map.entry("applying", "{0} provision(s) apply on this date to these groups: {1}."),
                    Map.entry("standard", "Evidentiary standard {0}: set by provision {1} ({2}), the most favourable of the applying provisions."),
                    Map.entry("noGroupPolicy", "Evidentiary standard INDIVIDUAL_ASSESSMENT: provision {0} states that no group policy applies; every claim is assessed on its own merits."),
                    Map.entry("ordinary", "Evidentiary standard INDIVIDUAL_ASSESSMENT: no group policy applies, so the claim is assessed on its own merits."),
                    Map.entry("riskGroup", "As a risk group: the personal facts must still be made plausible; once they are, minor indications suffice for a well-founded fear of persecution."),
                    Map.entry("notSafe", "{0} is not on the list of safe countries of origin on this date."),
                    Map.entry("safe", "{0} is on the list of safe countries of origin (provision {1}): the accelerated track and a presumption of safety that the applicant must rebut."),
                    Map.entry("safeException", "{0} is on the list of safe countries of origin (provision {1}), with an exception for these groups: the presumption of safety does not apply to them."),
                    Map.entry("relocation", "Internal relocation is held to be an alternative: {0} (provision {1})."),
                    Map.entry("noRelocation", "Internal relocation is not held to be an alternative (provision {0})."),
                    Map.entry("relocationOpen", "No provision on internal relocation applies: it is assessed in the individual case."),
                    Map.entry("facts", "Facts given: {0}; {1} note(s) on how they are weighed apply."),
                    Map.entry("safeguards", "{0} general credibility safeguard(s) in force on this date apply to the assessment."),
                    Map.entry("uncertain", "{0} statement(s) are not confirmed in a primary source or are dated only approximately: see the warnings."),
                    Map.entry("support", "This is decision support, not a decision: the IND decides on each claim individually."),
                    Map.entry("warnSecondary", "Provision {0} is confirmed only in a secondary source."),
                    Map.entry("warnContinuation", "Provision {0} was in force when last confirmed; that it still applies from {1} is not confirmed in a primary source."),
                    Map.entry("warnPrecision", "Provision {0} is dated only to the {1}: from {2}."),
                    Map.entry("MONTH", "month"), Map.entry("YEAR", "year")),
            "nl", Map.ofEntries(
                    Map.entry("query", "{0}{1}; groepen: {2}; het beleid dat gold op {3}{4}."),
                    Map.entry("knownAt", ", zoals het bekend was op {0}"),
                    Map.entry("region", ", regio {0}"),
                    Map.entry("noCountry", "De dataset heeft geen landspecifieke bepaling voor {0}: alleen de algemene regels en waarborgen gelden."),
                    Map.entry("none", "Op deze datum geldt voor deze groepen geen bepaling voor {0}."),
                    Map.entry("applying", "{0} bepaling(en) gelden op deze datum voor deze groepen: {1}."),
                    Map.entry("standard", "Bewijsmaatstaf {0}: bepaald door bepaling {1} ({2}), de gunstigste van de geldende bepalingen."),
                    Map.entry("noGroupPolicy", "Bewijsmaatstaf INDIVIDUAL_ASSESSMENT: bepaling {0} stelt dat geen groepsbeleid geldt; elke aanvraag wordt op haar eigen merites beoordeeld."),
                    Map.entry("ordinary", "Bewijsmaatstaf INDIVIDUAL_ASSESSMENT: er geldt geen groepsbeleid, dus de aanvraag wordt op haar eigen merites beoordeeld."),
                    Map.entry("riskGroup", "Als risicogroep: de persoonlijke feiten moeten nog steeds aannemelijk worden gemaakt; is dat zo, dan volstaan geringe indicaties voor een gegronde vrees voor vervolging."),
                    Map.entry("notSafe", "{0} staat op deze datum niet op de lijst van veilige landen van herkomst."),
                    Map.entry("safe", "{0} staat op de lijst van veilige landen van herkomst (bepaling {1}): versnelde behandeling en een vermoeden van veiligheid dat de aanvrager moet weerleggen."),
                    Map.entry("safeException", "{0} staat op de lijst van veilige landen van herkomst (bepaling {1}), met een uitzondering voor deze groepen: het vermoeden van veiligheid geldt voor hen niet."),
                    Map.entry("relocation", "Binnenlandse hervestiging wordt als alternatief gezien: {0} (bepaling {1})."),
                    Map.entry("noRelocation", "Binnenlandse hervestiging wordt niet als alternatief gezien (bepaling {0})."),
                    Map.entry("relocationOpen", "Geen bepaling over binnenlandse hervestiging geldt: die wordt in het individuele geval beoordeeld."),
                    Map.entry("facts", "Opgegeven feiten: {0}; {1} notitie(s) over hoe ze worden gewogen gelden."),
                    Map.entry("safeguards", "{0} algemene waarborg(en) voor de geloofwaardigheidsbeoordeling gelden op deze datum."),
                    Map.entry("uncertain", "{0} uitspraak/uitspraken zijn niet in een primaire bron bevestigd of slechts bij benadering gedateerd: zie de waarschuwingen."),
                    Map.entry("support", "Dit is beslisondersteuning, geen beslissing: de IND beslist over elke aanvraag afzonderlijk."),
                    Map.entry("warnSecondary", "Bepaling {0} is alleen in een secundaire bron bevestigd."),
                    Map.entry("warnContinuation", "Bepaling {0} gold toen zij het laatst werd bevestigd; dat zij vanaf {1} nog geldt, is niet in een primaire bron bevestigd."),
                    Map.entry("warnPrecision", "Bepaling {0} is alleen op de {1} nauwkeurig gedateerd: vanaf {2}."),
                    Map.entry("MONTH", "maand"), Map.entry("YEAR", "jaar")),
            "ru", Map.ofEntries(
                    Map.entry("query", "{0}{1}; группы: {2}; политика, действовавшая на {3}{4}."),
                    Map.entry("knownAt", ", в том виде, в каком она была известна на {0}"),
                    Map.entry("region", ", регион {0}"),
                    Map.entry("noCountry", "В наборе данных нет положений, касающихся именно {0}: действуют только общие правила и гарантии."),
                    Map.entry("none", "На эту дату для этих групп не действует ни одно положение о {0}."),
                    Map.entry("applying", "На эту дату для этих групп действует положений: {0} — {1}."),
                    Map.entry("standard", "Стандарт доказывания {0}: установлен положением {1} ({2}) как наиболее благоприятный из действующих."),
                    Map.entry("noGroupPolicy", "Стандарт доказывания INDIVIDUAL_ASSESSMENT: положение {0} гласит, что групповая политика не применяется; каждое заявление рассматривается по существу."),
                    Map.entry("ordinary", "Стандарт доказывания INDIVIDUAL_ASSESSMENT: групповая политика не применяется, заявление рассматривается по существу."),
                    Map.entry("riskGroup", "Как группа риска: личные обстоятельства всё равно нужно сделать правдоподобными; после этого для обоснованного страха преследования достаточно незначительных признаков."),
                    Map.entry("notSafe", "{0} на эту дату не входит в список безопасных стран происхождения."),
                    Map.entry("safe", "{0} входит в список безопасных стран происхождения (положение {1}): ускоренная процедура и презумпция безопасности, которую заявитель должен опровергнуть."),
                    Map.entry("safeException", "{0} входит в список безопасных стран происхождения (положение {1}) с исключением для этих групп: презумпция безопасности к ним не применяется."),
                    Map.entry("relocation", "Внутреннее перемещение считается альтернативой: {0} (положение {1})."),
                    Map.entry("noRelocation", "Внутреннее перемещение не считается альтернативой (положение {0})."),
                    Map.entry("relocationOpen", "Положения о внутреннем перемещении нет: оно оценивается в каждом случае отдельно."),
                    Map.entry("facts", "Указанные факты: {0}; применяется примечаний о том, как они оцениваются: {1}."),
                    Map.entry("safeguards", "На эту дату действует общих гарантий оценки достоверности: {0}."),
                    Map.entry("uncertain", "Утверждений, не подтверждённых первичным источником или датированных приблизительно: {0} — см. предупреждения."),
                    Map.entry("support", "Это поддержка решения, а не решение: IND рассматривает каждое заявление индивидуально."),
                    Map.entry("warnSecondary", "Положение {0} подтверждено только вторичным источником."),
                    Map.entry("warnContinuation", "Положение {0} действовало на момент последнего подтверждения; то, что оно действует и с {1}, первичным источником не подтверждено."),
                    Map.entry("warnPrecision", "Положение {0} датировано лишь с точностью до {1}: с {2}."),
                    Map.entry("MONTH", "месяца"), Map.entry("YEAR", "года")));

    private final String language;
    private final Map<String, String> texts;

    private Explanations(String language) {
        this.language = language;
        this.texts = TEXTS.get(language);
    }

    static Explanations in(String language) {
        return new Explanations(TEXTS.containsKey(language) ? language : "en");
    }

    static List<String> languages() {
        return List.of("en", "nl", "ru");
    }

    private String t(String key, Object... args) {
        return new MessageFormat(texts.get(key), Locale.ROOT).format(args);
    }

    List<String> warnings(Assessment a) {
        List<String> warnings = new ArrayList<>();
        for (Provision p : a.provisions()) {
            warn(warnings, p.id(), p.confidence(), p.datePrecision(), p.validFrom().toString());
        }
        for (Safeguard s : a.safeguards()) {
            warn(warnings, s.id(), s.confidence(), DatePrecision.DAY, s.validFrom().toString());
        }
        return warnings;
    }

    private void warn(List<String> warnings, String id, Confidence confidence, DatePrecision precision, String from) {
        switch (confidence) {
            case SECONDARY -> warnings.add(t("warnSecondary", id));
            case UNCONFIRMED_CONTINUATION -> warnings.add(t("warnContinuation", id, from));
            case PRIMARY -> {
            }
        }
        if (precision != DatePrecision.DAY) {
            warnings.add(t("warnPrecision", id, texts.get(precision.name()), from));
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
        if (a.listing() == null) {
            lines.add(t("notSafe", country));
        } else {
            lines.add(t(a.safeCountryException() ? "safeException" : "safe", country, a.listing().id()));
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
        lines.add(t("support"));
        return lines;
    }

    private String countryName(Assessment a) {
        String name = a.country() != null ? a.country().name().in(language) : Countries.name(a.nationality(), language);
        return a.nationality() + " (" + name + ")";
    }
}

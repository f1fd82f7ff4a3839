package nl.haven.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.DeadlineDocument;
import nl.haven.policy.TimelineDocument;

/** The policy documents printed for people: the same content as the JSON, as text. */
final class PolicyText {
    private PolicyText() {
    }

    static void print(AssessmentDocument doc, PrintWriter out) {
        out.printf("Evidentiary standard: %s%s%n", doc.evidentiaryStandard(), doc.riskGroup() ? " (risk group)" : "");
        AssessmentDocument.SafeCountry sc = doc.safeCountryOfOrigin();
        out.printf("Safe country of origin: %s%s%s%s%n", sc.listed() ? "listed (" + sc.level() + " list, " + sc.listing() + ")" : "not listed",
                sc.exceptionForGroup() ? ", with an exception for these groups" : "",
                sc.stoppedBy() == null ? "" : ", not applied on this date (" + sc.stoppedHow() + ": " + sc.stoppedBy() + ")",
                sc.listed() && !sc.exceptionsKnown() ? ", exceptions for categories of persons not confirmed" : "");
        if (!doc.law().isEmpty()) {
            out.printf("Law in force: %s%n", doc.law().stream().map(AssessmentDocument.RegimeView::name).collect(Collectors.joining("; ")));
        }
        out.printf("Internal relocation: %s%n", doc.internalRelocation().considered()
                ? "considered (" + String.join(", ", doc.internalRelocation().regions()) + ")" : "not considered");
        out.println();
        out.println("Reasoning:");
        int step = 1;
        for (String line : doc.explanation()) {
            out.printf("  %d. %s%n", step++, line);
        }
        if (!doc.provisions().isEmpty()) {
            out.println();
            out.println("Provisions:");
            for (AssessmentDocument.ProvisionView p : doc.provisions()) {
                out.printf("  - %s (%s, %s to %s, %s) %s %s%n", p.id(), p.kind(), p.validFrom(), p.validTo() == null ? "open" : p.validTo(),
                        p.confidence(), p.summary(), cite(p.citations()));
            }
        }
        if (!doc.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            doc.notes().forEach(n -> out.printf("  - %s %s%n", n.text(), cite(n.citations())));
        }
        if (!doc.listStatements().isEmpty()) {
            out.println();
            out.println("About the lists of safe countries:");
            doc.listStatements().forEach(st -> out.printf("  - %s (%s, %s to %s, %s) %s %s%n", st.id(), st.kind(), st.validFrom(),
                    st.validTo() == null ? "open" : st.validTo(), st.confidence(), st.summary(), cite(st.citations())));
        }
        if (!doc.safeguards().isEmpty()) {
            out.println();
            out.println("Safeguards:");
            doc.safeguards().forEach(n -> out.printf("  - %s %s%n", n.text(), cite(n.citations())));
        }
        if (!doc.warnings().isEmpty()) {
            out.println();
            out.println("Warnings:");
            doc.warnings().forEach(w -> out.printf("  ! %s%n", w));
        }
        sources(doc.sources(), out);
        out.printf("%nData set %s%n", doc.dataset().version());
    }

    static void print(TimelineDocument doc, PrintWriter out) {
        out.printf("%s (%s): %d provision(s)%n", doc.name(), doc.country(), doc.provisions().size());
        for (AssessmentDocument.ProvisionView p : doc.provisions()) {
            out.printf("  %s .. %-10s  %-22s %-24s %s %s%n", p.validFrom(), p.validTo() == null ? "open" : p.validTo(), p.kind(), p.id(),
                    String.join(",", p.appliesTo()) + (p.regions().isEmpty() ? "" : " in " + String.join(",", p.regions())),
                    cite(p.citations()));
        }
        sources(doc.sources(), out);
        out.printf("%nData set %s%n", doc.dataset().version());
    }

    static void print(DeadlineDocument doc, PrintWriter out) {
        out.printf("Last day to act: %s%n", doc.end());
        if (!doc.safeEnd().equals(doc.end())) {
            out.printf("Safe last day:   %s (counting only rules confirmed in a primary source)%n", doc.safeEnd());
        }
        out.printf("Term: %s (%s)%s: %d %s, %s%n", doc.name(), doc.term(), doc.track() == null ? "" : ", track " + doc.track(),
                doc.length().amount(), doc.length().unit(), doc.length().article());
        out.printf("Event: %s on %s%n", doc.event(), doc.eventDate());
        if (doc.regime() != null) {
            out.printf("Law: %s%n", doc.regime());
        }
        out.printf("Confidence: %s%n", doc.confidence());
        out.println();
        out.println("Reasoning:");
        for (int i = 0; i < doc.reasons().size(); i++) {
            out.printf("  %d. %s %s%n", i + 1, doc.reasons().get(i), cite(doc.rules().get(i).citations()));
        }
        if (!doc.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            doc.notes().forEach(n -> out.printf("  - %s%n", n));
        }
        if (!doc.warnings().isEmpty()) {
            out.println();
            out.println("Warnings:");
            doc.warnings().forEach(w -> out.printf("  ! %s%n", w));
        }
        sources(doc.sources(), out);
        out.printf("%nData set %s%n", doc.dataset().version());
    }

    private static void sources(List<AssessmentDocument.SourceView> sources, PrintWriter out) {
        if (sources.isEmpty()) {
            return;
        }
        out.println();
        out.println("Sources:");
        for (AssessmentDocument.SourceView s : sources) {
            out.printf("  [%d] %s, %s%s%s%n", s.number(), s.title(), s.reference(), s.date() == null ? "" : ", " + s.date(),
                    s.url().isEmpty() ? "" : " <" + s.url() + ">");
        }
    }

    private static String cite(List<Integer> numbers) {
        return numbers.stream().map(n -> "[" + n + "]").collect(Collectors.joining(""));
    }
}

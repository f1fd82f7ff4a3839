package nl.haven.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A country's provisions over time, with numbered sources: {@code ./haven policy timeline --json}
 * and {@code GET /api/v1/policy/countries/{cc}/timeline}.
 */
public record TimelineDocument(String country, String name, AssessmentDocument.DatasetRef dataset,
        List<AssessmentDocument.ProvisionView> provisions, List<AssessmentDocument.SourceView> sources) {

    public static TimelineDocument of(PolicyEngine engine, String nationality, String language) {
        String code = Countries.parse(nationality);
        Country country = engine.dataSet().countries().get(code);
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<AssessmentDocument.ProvisionView> provisions = new ArrayList<>();
        for (Provision p : engine.timeline(code)) {
            provisions.add(AssessmentDocument.view(p, language, numbers));
        }
        List<AssessmentDocument.SourceView> sources = new ArrayList<>();
        numbers.forEach((id, n) -> engine.dataSet().source(id).ifPresent(s -> sources.add(new AssessmentDocument.SourceView(n, s.id(), s.type(),
                s.title(), s.reference(), s.date() == null ? null : s.date().toString(), s.url()))));
        String name = Countries.name(country, code, language);
        return new TimelineDocument(code, name, new AssessmentDocument.DatasetRef(engine.dataSet().version()), provisions, sources);
    }
}

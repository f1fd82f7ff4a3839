package nl.haven.policy.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.haven.policy.Confidence;
import nl.haven.policy.Fact;
import nl.haven.policy.Regime;
import nl.haven.policy.Safeguard;
import nl.haven.policy.Source;
import nl.haven.policy.Text;
import nl.haven.policy.internal.DataSetReader.Validity;

/**
 * Reads the registries every other file refers to: {@code sources.yaml}, {@code facts.yaml}, {@code safeguards.yaml} and
 * {@code regimes.yaml}, into the {@link DataSetReader}'s state.
 */
final class RegistryFileReader {
    private final DataSetReader reader;
    private final Map<String, Source> sources;
    private final Map<String, String> sourceOrigin;
    private final Map<String, Fact> facts;
    private final List<Safeguard> safeguards;
    private final Map<String, Regime> regimes;

    RegistryFileReader(DataSetReader reader) {
        this.reader = reader;
        this.sources = reader.sources;
        this.sourceOrigin = reader.sourceOrigin;
        this.facts = reader.facts;
        this.safeguards = reader.safeguards;
        this.regimes = reader.regimes;
    }

    void source(YamlMap entry) {
        String id = entry.string("id");
        String type = entry.string("type");
        if (!type.isEmpty() && !PolicyVocabulary.SOURCE_TYPES.contains(type)) {
            entry.error("unknown source type '" + type + "': expected one of " + PolicyVocabulary.sourceTypes());
        }
        Source source = new Source(id, type, entry.string("title"), entry.string("reference"), entry.optionalDate("date"),
                entry.stringOrEmpty("url"), entry.string("language"));
        entry.rejectUnknownKeys();
        if (!id.isEmpty() && reader.claimId(entry, id)) {
            sources.put(id, source);
            sourceOrigin.put(id, entry.where());
        }
    }

    void fact(YamlMap entry) {
        String id = entry.string("id");
        Text label = entry.text("label");
        entry.rejectUnknownKeys();
        if (!id.isEmpty() && reader.claimId(entry, id)) {
            facts.put(id, new Fact(id, label));
        }
    }

    void safeguard(YamlMap entry) {
        String id = entry.string("id");
        LocalDate validFrom = entry.date("validFrom");
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sourceIds = reader.sourcesOf(entry);
        Text text = entry.text("text");
        entry.rejectUnknownKeys();
        if (!id.isEmpty() && reader.claimId(entry, id) && validFrom != null && confidence != null) {
            safeguards.add(new Safeguard(id, validFrom, confidence, sourceIds, text));
        }
    }

    void regime(YamlMap entry) {
        String id = entry.string("id");
        Text name = entry.text("name");
        Validity validity = reader.validity(entry, "a body of law");
        Confidence confidence = entry.enumValue("confidence", Confidence.class, null);
        List<String> sourceIds = reader.sourcesOf(entry);
        entry.rejectUnknownKeys();
        if (!id.isEmpty() && reader.claimId(entry, id) && validity != null && confidence != null) {
            regimes.put(id, new Regime(id, name, validity.from(), validity.to(), confidence, sourceIds, entry.where()));
        }
    }
}

package nl.haven.policy.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.haven.policy.ChangeEntry;
import nl.haven.policy.ChangeLog;
import nl.haven.policy.ChangesDocument;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicyVersion;
import nl.haven.policy.PolicyVersions;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The data-set versions and the public change log (issue #17): records the data set this Haven runs with when it has
 * started, and builds the changes document and the change-log entries from the recorded versions, rebuilding them only
 * when the recorded versions differ from the last build (another node may have recorded a new one).
 */
@Component
class PolicyChangeLog {
    private final PolicyEngine engine;
    private final PolicyFiles files;
    private final PolicyVersions versions;
    private Snapshot snapshot = new Snapshot(List.of(), null, List.of());

    /** The changes document and the entries, newest first, for the recorded versions {@code hashes}. */
    record Snapshot(List<String> hashes, @org.jspecify.annotations.Nullable ChangesDocument document, List<ChangeEntry> entries) {
    }

    PolicyChangeLog(PolicyEngine engine, PolicyFiles files, PolicyVersions versions) {
        this.engine = engine;
        this.files = files;
        this.versions = versions;
    }

    /** Records the running data set once it is known that the application started; a version already recorded is left as it is. */
    @EventListener(ApplicationReadyEvent.class)
    void recordRunningVersion() {
        versions.record(engine.dataSet(), files);
    }

    synchronized Snapshot snapshot() {
        List<PolicyVersion> recorded = versions.list();
        List<String> hashes = recorded.stream().map(PolicyVersion::hash).toList();
        if (snapshot.document() != null && snapshot.hashes().equals(hashes)) {
            return snapshot;
        }
        PolicyDataSet current = engine.dataSet();
        Map<String, PolicyDataSet> loaded = new HashMap<>();
        loaded.put(current.version(), current);
        ChangesDocument document = ChangesDocument.of(current.version(), recorded, hash -> versions.files(hash).orElse(null), loaded);
        List<ChangeEntry> entries = new ArrayList<>(ChangeLog.dated(current));
        for (ChangesDocument.Step step : document.steps()) {
            if (step.diff() != null) {
                entries.addAll(ChangeLog.of(step.diff(), loaded.get(step.to()), step.toLabel(), step.firstLoaded()));
            }
        }
        entries.sort(ChangeLog.NEWEST_FIRST);
        snapshot = new Snapshot(hashes, document, List.copyOf(entries));
        return snapshot;
    }
}

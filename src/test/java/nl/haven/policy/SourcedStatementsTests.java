package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: every statement added or changed for the law as of December 2026 has sources with a URL, so that a reader
 * can check it; and nothing in the lists of safe countries rests on a source without one.
 */
class SourcedStatementsTests {

    static final PolicyDataSet DATA = PolicyDataSet.shipped();
    /** The first day of the 2025-2026 changes (the non-application of 5 August 2025). */
    static final LocalDate CHANGES = LocalDate.of(2025, 8, 5);

    @Test
    void everySourceOfTheListsTheRegimesAndTheRecentProvisionsHasAUrl() {
        List<String> missing = new ArrayList<>();
        for (ListStatement s : DATA.listStatements()) {
            check(s.id(), s.sources(), missing);
        }
        for (Regime r : DATA.regimes().values()) {
            check(r.id(), r.sources(), missing);
        }
        for (Provision p : DATA.provisions()) {
            if (p.kind() == ProvisionKind.SAFE_COUNTRY || !p.publishedOn().isBefore(CHANGES)) {
                check(p.id(), p.sources(), missing);
            }
        }
        assertThat(missing).as("statements citing a source without a URL").isEmpty();
    }

    @Test
    void theListsHaveStatementsOfEveryKindAndEachHasAConfidence() {
        assertThat(DATA.listStatements()).extracting(ListStatement::kind).contains(ListStatementKind.values());
        assertThat(DATA.listStatements()).allSatisfy(s -> assertThat(s.confidence()).isNotNull());
        assertThat(DATA.provisions()).filteredOn(p -> p.kind() == ProvisionKind.SAFE_COUNTRY)
                .allSatisfy(p -> assertThat(p.level()).as(p.id()).isNotNull())
                .allSatisfy(p -> assertThat(p.legalBasis()).as(p.id()).isNotBlank());
    }

    private static void check(String id, List<String> sources, List<String> missing) {
        for (String source : sources) {
            if (DATA.source(source).map(s -> s.url().isBlank()).orElse(true)) {
                missing.add(id + " -> " + source);
            }
        }
    }
}

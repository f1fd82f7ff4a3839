package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue #17, point 2: the entries of the public change log, from the shipped data set and from a version diff. */
class ChangeLogTests {
    static final PolicyDataSet SHIPPED = PolicyDataSet.shipped();

    @Test
    void egyptJoinsTheEuListOnTwelveJune2026() {
        ChangeEntry egypt = find(ChangeLog.dated(SHIPPED), "provision/eu-safe-eg/from/2026-06-12");
        assertThat(egypt.type()).isEqualTo(ChangeEntry.Type.LISTED);
        assertThat(egypt.level()).isEqualTo(SafeCountryLevel.EU);
        assertThat(egypt.countries()).containsExactly("EG");
        assertThat(egypt.effective()).isEqualTo(LocalDate.of(2026, 6, 12));
        assertThat(egypt.published()).isEqualTo(LocalDate.of(2026, 2, 23));
        assertThat(egypt.exceptionsKnown()).isFalse();
        assertThat(egypt.sources()).extracting(Source::id).contains("council-2026-eu-list-cde");
    }

    @Test
    void theSuspensionOfTheNationalListStartsAndEnds() {
        List<ChangeEntry> entries = ChangeLog.dated(SHIPPED);
        ChangeEntry starts = find(entries, "statement/nl-suspension-2025-09-23/from/2025-09-23");
        assertThat(starts.type()).isEqualTo(ChangeEntry.Type.STATEMENT_STARTS);
        assertThat(starts.statementKind()).isEqualTo(ListStatementKind.SUSPENSION);
        assertThat(starts.countries()).isEmpty();
        assertThat(starts.concerns("US")).isTrue();
        ChangeEntry ends = find(entries, "statement/nl-suspension-2025-09-23/to/2026-06-12");
        assertThat(ends.type()).isEqualTo(ChangeEntry.Type.STATEMENT_ENDS);
    }

    @Test
    void aListingContinuedOnTheSameDayIsNeitherAnEndNorANewListing() {
        List<ChangeEntry> entries = ChangeLog.dated(SHIPPED);
        // safe-al-2015 ends on 20 September 2019, the day safe-al starts with the same content.
        assertThat(entries).noneMatch(e -> e.key().equals("provision/safe-al-2015/to/2019-09-20"));
        assertThat(entries).noneMatch(e -> e.key().equals("provision/safe-al/from/2019-09-20"));
        assertThat(entries).anyMatch(e -> e.key().equals("provision/safe-al-2015/from/2015-11-03"));
        // safe-al ends on 12 June 2026 with no national listing after it: Albania leaves the national list.
        assertThat(find(entries, "provision/safe-al/to/2026-06-12").type()).isEqualTo(ChangeEntry.Type.DELISTED);
        assertThat(entries).noneMatch(e -> e.provisionKind() == ProvisionKind.NOTE);
    }

    @Test
    void newestFirstWithIdsThatAreUniqueAndStable() {
        List<ChangeEntry> entries = ChangeLog.dated(SHIPPED);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i - 1).effective()).isAfterOrEqualTo(entries.get(i).effective());
        }
        assertThat(entries.stream().map(ChangeEntry::id).distinct().count()).isEqualTo(entries.size());
        assertThat(entries.get(0).id()).matches("urn:uuid:[0-9a-f-]{36}");
        List<String> again = ChangeLog.dated(PolicyDataSet.shipped()).stream().map(ChangeEntry::id).toList();
        assertThat(again).isEqualTo(entries.stream().map(ChangeEntry::id).toList());
    }

    @Test
    void aVersionChangeIsOneEntryPerItemDatedTheDayTheVersionWasFirstLoaded() {
        PolicyDataSet older = PolicyDataSet.load(PolicyDiffTests.older());
        PolicyDataSet newer = PolicyDataSet.load(PolicyDiffTests.newer());
        LocalDate loaded = LocalDate.of(2026, 12, 6);
        List<ChangeEntry> entries = ChangeLog.of(PolicyDiff.between(older, newer), newer, "2026.2", loaded);
        // EG added, MA ended, the suspension added (one entry though filed under every country), RU: two, DAFT: two values.
        assertThat(entries).hasSize(7);
        assertThat(entries).allMatch(e -> e.type() == ChangeEntry.Type.VERSION_CHANGE && e.effective().equals(loaded)
                && "2026.2".equals(e.version()));
        ChangeEntry egypt = entries.stream().filter(e -> "eu-safe-eg".equals(e.subject())).findFirst().orElseThrow();
        assertThat(egypt.change()).isEqualTo(PolicyDiff.Change.ADDED);
        assertThat(egypt.countries()).containsExactly("EG");
        assertThat(egypt.level()).isEqualTo(SafeCountryLevel.EU);
        assertThat(egypt.key()).contains(newer.version());
        ChangeEntry morocco = entries.stream().filter(e -> "safe-ma".equals(e.subject())).findFirst().orElseThrow();
        assertThat(morocco.change()).isEqualTo(PolicyDiff.Change.ENDED);
        assertThat(morocco.exceptionFor()).isEqualTo(Set.of(Group.TRANS));
        assertThat(entries.stream().map(ChangeEntry::id).distinct().count()).isEqualTo(7);
    }

    private static ChangeEntry find(List<ChangeEntry> entries, String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + key + " among " + entries.stream().map(ChangeEntry::key).toList()));
    }
}

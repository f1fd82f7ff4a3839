package nl.haven.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.haven.cases.Handling;
import nl.haven.cases.internal.Notice;
import nl.haven.cases.Stage;
import nl.haven.cases.internal.CaseEventType;
import nl.haven.cases.internal.CaseQueue;
import nl.haven.policy.LegalTerm;
import nl.haven.policy.PolicyDataSet;
import org.junit.jupiter.api.Test;
import nl.haven.testing.Bundles;

/**
 * The case pages build message keys from codes: states, due-date states, a step's notices, contact channels, identifier
 * kinds, the legal terms and appeal tracks of procedure.yaml, and the timeline's event types. Each has a text (MessageBundlesTests then
 * checks that Dutch and Russian have the same keys), so no page ever shows a raw code where a word belongs.
 */
class CasePagesBundleTests {

    static Set<String> english() throws IOException {
        return Bundles.texts("en").stringPropertyNames();
    }

    @Test
    void everyStateDueStateChannelAndIdentifierKindHasAText() throws IOException {
        Set<String> wanted = new TreeSet<>();
        for (Handling h : Handling.values()) {
            wanted.add("cases.handling." + h);
        }
        for (Stage s : Stage.values()) {
            wanted.add("cases.stage." + s);
        }
        for (PageSupport.Due due : PageSupport.Due.values()) {
            if (due.isFlagged()) {
                wanted.add("cases.due." + due);
            }
        }
        CasePages.CHANNELS.forEach(c -> wanted.add("cases.channel." + c));
        CaseQueue.IDENTIFIER_KINDS.forEach(k -> wanted.add("cases.identifier." + k));
        for (Notice.Code code : Notice.Code.values()) {
            wanted.add(code.messageKey());
        }
        for (String priority : new String[] { "1", "2", "3" }) {
            wanted.add("cases.priority." + priority);
        }
        assertThat(english()).containsAll(wanted);
    }

    @Test
    void everyLegalTermAndAppealTrackOfTheProcedureDataHasAText() throws IOException {
        Set<String> wanted = new TreeSet<>();
        for (LegalTerm term : PolicyDataSet.shipped().procedure().terms().values()) {
            wanted.add("cases.term." + term.id());
            for (LegalTerm.Version version : term.versions()) {
                version.tracks().forEach(t -> wanted.add("cases.track." + t));
            }
        }
        assertThat(wanted).as("terms and tracks in procedure.yaml").hasSizeGreaterThan(10);
        assertThat(english()).containsAll(wanted);
    }

    /**
     * The event types the cases module writes to a timeline: every {@link CaseEventType}, and the literals of the
     * workflow's steps ({@code CaseWorkflow.eventType}), each of which must be one of them, and each stage's (its row in
     * {@link Stage}), which must be one too.
     */
    @Test
    void everyTimelineEventTypeHasAText() throws IOException {
        Pattern step = Pattern.compile("-> \"(case\\.[a-z-]+)\"");
        Set<String> wanted = new TreeSet<>();
        Set<String> codes = new TreeSet<>();
        for (CaseEventType type : CaseEventType.values()) {
            codes.add(type.code());
            wanted.add("cases.event." + type.code());
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/nl/haven/cases"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = step.matcher(Files.readString(source));
                while (m.find()) {
                    assertThat(codes).as("a step's event type in " + source.getFileName()).contains(m.group(1));
                    wanted.add("cases.event." + m.group(1));
                }
            }
        }
        for (Stage s : Stage.values()) {
            if (s != Stage.NONE) {
                assertThat(codes).as("the event type of stage " + s).contains(s.eventType());
                wanted.add("cases.event." + s.eventType());
            }
        }
        assertThat(wanted).as("event types found in the cases module").contains("cases.event.case.opened", "cases.event.case.applied",
                "cases.event.case.note-added", "cases.event.case.referred").hasSizeGreaterThan(20);
        assertThat(english()).containsAll(wanted);
    }
}

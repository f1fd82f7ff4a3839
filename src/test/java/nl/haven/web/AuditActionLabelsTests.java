package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import nl.haven.testing.Bundles;
import org.junit.jupiter.api.Test;

/**
 * Issue #19, point 4 for the audit-log viewer ({@code /audit}): every audit action Haven writes — the list generated
 * from the code ({@link RawCodes#auditActions()}), not typed — has words in English, Dutch and Russian, either its own
 * ({@code auditLog.action.*}) or, for a change that is also a timeline event, the timeline's ({@code cases.event.*});
 * every subject type and system actor too. And no {@code auditLog.action.*} key is left over for an action nobody writes.
 */
class AuditActionLabelsTests {
    static final List<String> LANGUAGES = List.of("en", "nl", "ru");

    @Test
    void theGeneratedListFindsTheActionsOfEveryModule() {
        assertThat(RawCodes.auditActions()).contains("case.read", "case.applied", "calendar.read", "auth.locked", "auth.password-failed",
                "user.role-grant-approved", "intake.case-opened", "audit.viewed", "organisation.settings-changed", "token.revoked")
                .hasSizeGreaterThan(80);
    }

    @Test
    void everyAuditActionHasWordsInEveryLanguage() {
        List<String> missing = new ArrayList<>();
        for (String language : LANGUAGES) {
            Properties bundle = Bundles.texts(language);
            for (String action : RawCodes.auditActions()) {
                if (bundle.getProperty("auditLog.action." + action, bundle.getProperty("cases.event." + action, "")).isBlank()) {
                    missing.add(language + ": " + action);
                }
            }
            for (String key : List.of("auditLog.subject.case", "auditLog.subject.user", "auditLog.subject.token", "auditLog.subject.organisation",
                    "auditLog.actor.system", "auditLog.actor.anonymous")) {
                if (bundle.getProperty(key, "").isBlank()) {
                    missing.add(language + ": " + key);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void noWordsForAnActionNobodyWrites() {
        Set<String> unused = new TreeSet<>();
        Set<String> actions = RawCodes.auditActions();
        for (String key : Bundles.texts("en").stringPropertyNames()) {
            if (key.startsWith("auditLog.action.") && !actions.contains(key.substring("auditLog.action.".length()))) {
                unused.add(key);
            }
        }
        assertThat(unused).isEmpty();
    }
}

package nl.haven.cases.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.identity.Role;
import nl.haven.policy.Confidence;
import nl.haven.policy.EvidentiaryStandard;
import nl.haven.policy.Group;
import nl.haven.policy.ProvisionKind;
import nl.haven.routes.Outcome;
import nl.haven.routes.Route;
import nl.haven.web.LabelKeys;
import org.springframework.stereotype.Component;

/**
 * The message keys of the codes staff meet on case pages, decision support and the summary PDF (issue #19, point 4),
 * reusing the keys the bundles already had: {@code cases.stage.*}, {@code cases.handling.*}, {@code cases.event.*},
 * {@code standard.*}, {@code kind.*}, {@code confidence.*}, {@code route.*}, {@code group.*}, {@code role.*}. The one
 * new family is {@code outcome.staff.*}: for staff a route "meets the conditions the data records" — never a decision
 * (the person's questionnaire keeps its own {@code outcome.*} words).
 */
@Component
public class CaseLabelKeys implements LabelKeys {

    @Override
    public Map<Class<? extends Enum<?>>, Function<Enum<?>, String>> keys() {
        return Map.of(
                Stage.class, c -> "cases.stage." + c.name(),
                Handling.class, c -> "cases.handling." + c.name(),
                CaseEventType.class, c -> "cases.event." + ((CaseEventType) c).code(),
                EvidentiaryStandard.class, c -> "standard." + c.name(),
                ProvisionKind.class, c -> "kind." + c.name(),
                Confidence.class, c -> "confidence." + c.name(),
                Route.class, c -> "route." + c.name(),
                Outcome.class, c -> "outcome.staff." + c.name(),
                Group.class, c -> "group." + c.name().toLowerCase(Locale.ROOT),
                Role.class, c -> "role." + c.name());
    }
}

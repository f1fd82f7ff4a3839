package nl.haven.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.haven.policy.ChangeFile;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyChange;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.Provision;
import nl.haven.policy.ProvisionKind;
import nl.haven.policy.Text;
import org.junit.jupiter.api.Test;

/** The what-if form as posted (issue #19 point 9): every wrong field named at once, and what a right one means. */
class WhatIfFormTests {
    static final PolicyFiles SHIPPED = PolicyFiles.shipped();
    static final PolicyDataSet CURRENT = PolicyDataSet.load(SHIPPED);

    static List<String> fields(WhatIfForm form) {
        return form.check(CURRENT).problems().stream().map(p -> p.field() + ":" + p.key().replace("statistics.whatIf.form.error.", "")).toList();
    }

    @Test
    void anEmptyFormNamesEveryRequiredFieldAtOnce() {
        assertThat(fields(WhatIfForm.empty())).containsExactly("country:country.missing", "groups:groups.missing", "kind:kind.missing",
                "from:from.missing");
    }

    @Test
    void unknownValuesAndBadOrImpossibleDatesAreNamedAtTheirField() {
        assertThat(fields(new WhatIfForm("XX", "", List.of("trans"), "RISK_GROUP", "2027-01-01"))).containsExactly("country:country.unknown");
        assertThat(fields(new WhatIfForm("US", "RU-CE", List.of("trans", "martian"), "SAFE_COUNTRY", "31-02-2027")))
                .containsExactly("region:region.unknown", "groups:groups.unknown", "kind:kind.unknown", "from:from.bad");
        assertThat(fields(new WhatIfForm("US", "", List.of("trans"), "RISK_GROUP", "2027-02-29"))).containsExactly("from:from.bad");
        assertThat(fields(new WhatIfForm("US", "", List.of("trans"), "RISK_GROUP", "tomorrow"))).containsExactly("from:from.bad");
        assertThat(fields(new WhatIfForm("US", "", List.of("trans"), "RISK_GROUP", "01-01-1985"))).containsExactly("from:from.range");
        // A provision that starts later for all of these groups cannot be removed by a change file: the day is named.
        assertThat(fields(new WhatIfForm("RU", "", List.of("lesbian", "gay", "bisexual", "trans"), "NO_GROUP_POLICY", "2020-01-01")))
                .containsExactly("from:from.blocked");
        WhatIfForm.Problem bad = new WhatIfForm("US", "", List.of("trans"), "RISK_GROUP", "31-02-2027").check(CURRENT).problems().get(0);
        assertThat(bad.args()).containsExactly("31-02-2027");
    }

    @Test
    void theDutchAndTheIsoDateMeanTheSameDayAndTheChoiceIsWhatWasPosted() {
        WhatIfForm.Checked dutch = new WhatIfForm(" US ", "", List.of("trans", "nonbinary"), "RISK_GROUP", "1-1-2027").check(CURRENT);
        WhatIfForm.Checked iso = new WhatIfForm("US", "", List.of("trans", "nonbinary"), "RISK_GROUP", "2027-01-01").check(CURRENT);
        assertThat(dutch.problems()).isEmpty();
        assertThat(dutch.choice()).isEqualTo(iso.choice());
        WhatIfForm.Choice choice = iso.choice();
        assertThat(choice.country().code()).isEqualTo("US");
        assertThat(choice.region()).isNull();
        assertThat(choice.groups()).containsExactlyInAnyOrder(Group.TRANS, Group.NONBINARY);
        assertThat(choice.kind()).isEqualTo(ProvisionKind.RISK_GROUP);
        assertThat(choice.from()).isEqualTo(LocalDate.parse("2027-01-01"));

        // Form → YAML → loader: the provision the form meant.
        String yaml = ChangeFile.write(CURRENT, choice.draft(new Text(Map.of("en", "e", "nl", "n"))));
        PolicyChange change = PolicyChange.apply(SHIPPED, CURRENT, "change.yaml", yaml);
        Provision meant = change.added().stream().filter(p -> p.kind() == ProvisionKind.RISK_GROUP).findFirst().orElseThrow();
        assertThat(meant.appliesTo()).containsExactlyInAnyOrder(Group.TRANS, Group.NONBINARY);
        assertThat(meant.country()).isEqualTo("US");
        assertThat(meant.validFrom()).isEqualTo(choice.from());
        assertThat(change.from()).isEqualTo(choice.from());

        WhatIfForm.Checked regional = new WhatIfForm("RU", "RU-CE", List.of("gay"), "GROUP_PERSECUTION", "2027-01-01").check(CURRENT);
        assertThat(regional.problems()).isEmpty();
        assertThat(regional.choice().region()).isEqualTo("RU-CE");
    }
}

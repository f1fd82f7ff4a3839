package nl.haven.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The what-if form's change file (issue #19 point 9): what {@link ChangeFile#write} writes for a {@link ChangeDraft} is read
 * back by the loader ({@link PolicyChange#apply}) into the change the form meant, and gives the same answers as the change
 * an expert wrote by hand.
 */
class ChangeFileTests {
    static final PolicyFiles SHIPPED = PolicyFiles.shipped();
    static final PolicyDataSet CURRENT = PolicyDataSet.load(SHIPPED);
    static final Text SUMMARY = new Text(Map.of("en", "Hypothetical: a risk group.", "nl", "Hypothetisch: een risicogroep."));

    static ChangeDraft draft(String country, @Nullable String region, Set<Group> groups, ProvisionKind kind, String from) {
        return new ChangeDraft(country, region, groups, kind, LocalDate.parse(from), SUMMARY);
    }

    static PolicyChange roundTrip(ChangeDraft draft) {
        return PolicyChange.apply(SHIPPED, CURRENT, "change.yaml", ChangeFile.write(CURRENT, draft));
    }

    static EvidentiaryStandard standard(PolicyDataSet dataSet, String country, @Nullable String region, Group group, String date) {
        return new PolicyEngine(dataSet).assess(new AssessmentQuery(country, region, EnumSet.of(group), Set.of(), LocalDate.parse(date), null))
                .standard();
    }

    @Test
    void theFormsChangeReadsBackAsTheProvisionItMeantEndingWhatContradictsIt() {
        PolicyChange change = roundTrip(draft("US", null, EnumSet.of(Group.TRANS), ProvisionKind.RISK_GROUP, "2026-01-01"));

        Provision meant = change.added().stream().filter(p -> p.kind() == ProvisionKind.RISK_GROUP).findFirst().orElseThrow();
        assertThat(meant.country()).isEqualTo("US");
        assertThat(meant.appliesTo()).containsExactly(Group.TRANS);
        assertThat(meant.regions()).isEmpty();
        assertThat(meant.validFrom()).isEqualTo(LocalDate.parse("2026-01-01"));
        assertThat(meant.validTo()).isNull();
        assertThat(meant.summary().en()).isEqualTo("Hypothetical: a risk group.");
        assertThat(change.dataSet().source(meant.sources().get(0)).orElseThrow().title()).startsWith("What-if (hypothetical, not policy)");
        assertThat(change.from()).isEqualTo(LocalDate.parse("2026-01-01"));
        // The two statements of no group policy end the day the change starts; the one for everyone continues for the rest.
        assertThat(change.replaced()).extracting(Provision::id).containsExactlyInAnyOrder("us-trans-no-group-policy", "us-lgbtiq-no-group-policy");
        assertThat(change.replaced()).allSatisfy(p -> assertThat(p.validTo()).isEqualTo(LocalDate.parse("2026-01-01")));
        assertThat(change.added()).filteredOn(p -> p.kind() == ProvisionKind.NO_GROUP_POLICY).singleElement()
                .satisfies(rest -> assertThat(rest.appliesTo()).doesNotContain(Group.TRANS).contains(Group.GAY, Group.LESBIAN));
        assertThat(change.dataSet().provision("us-lgbtiq-no-group-policy").orElseThrow().summary())
                .isEqualTo(CURRENT.provision("us-lgbtiq-no-group-policy").orElseThrow().summary());
    }

    @Test
    void itAnswersLikeTheChangeAnExpertWroteByHand() throws Exception {
        PolicyChange form = roundTrip(draft("US", null, EnumSet.of(Group.TRANS), ProvisionKind.RISK_GROUP, "2026-01-01"));
        PolicyChange expert = PolicyChange.apply(SHIPPED, CURRENT, "us.yaml",
                Files.readString(Path.of("docs/examples/what-if-us-trans-risk-group-2026.yaml")));
        for (Group group : Group.values()) {
            for (String day : List.of("2025-08-01", "2025-12-31", "2026-01-01", "2027-06-30")) {
                assertThat(standard(form.dataSet(), "US", null, group, day)).as(group + " on " + day)
                        .isEqualTo(standard(expert.dataSet(), "US", null, group, day));
            }
        }
        assertThat(standard(form.dataSet(), "US", null, Group.TRANS, "2026-01-01")).isEqualTo(EvidentiaryStandard.MINOR_INDICATIONS);
        assertThat(standard(CURRENT, "US", null, Group.TRANS, "2026-01-01")).isEqualTo(EvidentiaryStandard.INDIVIDUAL_ASSESSMENT);
    }

    @Test
    void aRegionAndSeveralGroupsAreKeptAndEveryGroupOfAllIsWrittenAsLgbti() {
        PolicyChange regional = roundTrip(draft("RU", "RU-CE", EnumSet.of(Group.GAY, Group.LESBIAN), ProvisionKind.GROUP_PERSECUTION, "2027-03-01"));
        Provision meant = regional.added().stream().filter(p -> p.kind() == ProvisionKind.GROUP_PERSECUTION).findFirst().orElseThrow();
        assertThat(meant.regions()).containsExactly("RU-CE");
        assertThat(meant.appliesTo()).containsExactlyInAnyOrder(Group.GAY, Group.LESBIAN);
        assertThat(standard(regional.dataSet(), "RU", "RU-CE", Group.GAY, "2027-03-01")).isEqualTo(EvidentiaryStandard.GROUP_PERSECUTION);
        assertThat(standard(regional.dataSet(), "RU", "RU-CE", Group.GAY, "2027-02-28"))
                .isEqualTo(standard(CURRENT, "RU", "RU-CE", Group.GAY, "2027-02-28"));

        String text = ChangeFile.write(CURRENT, draft("IR", null, EnumSet.allOf(Group.class), ProvisionKind.VULNERABLE_MINORITY, "2027-01-01"));
        assertThat(text).containsPattern("appliesTo:\\n\\s+- lgbti\\n").doesNotContain("*id").doesNotContain("&id");
        PolicyChange all = PolicyChange.apply(SHIPPED, CURRENT, "change.yaml", text);
        for (Group group : Group.values()) {
            assertThat(standard(all.dataSet(), "IR", null, group, "2027-01-01")).isEqualTo(EvidentiaryStandard.LIMITED_INDICATIONS);
        }
    }

    @Test
    void textThatLooksLikeYamlStaysText() {
        Text tricky = new Text(Map.of("en", "x\nprovisions: []\n# \"quoted\" 'single' : - [a, b] {c: d} &anchor *alias !!str", "nl",
                "2026-01-01", "ru", "null"));
        String text = ChangeFile.write(CURRENT, new ChangeDraft("US", null, EnumSet.of(Group.GAY), ProvisionKind.RISK_GROUP,
                LocalDate.parse("2026-02-01"), tricky));
        PolicyChange change = PolicyChange.apply(SHIPPED, CURRENT, "change.yaml", text);
        Provision meant = change.added().stream().filter(p -> p.kind() == ProvisionKind.RISK_GROUP).findFirst().orElseThrow();
        assertThat(meant.summary()).isEqualTo(tricky);
        assertThat(meant.appliesTo()).containsExactly(Group.GAY);
    }

    @Test
    void aProvisionThatStartsLaterForAllTheGroupsBlocksTheDraftAndOneForSomeIsNarrowed() {
        // Russia: a risk group from 2015, continued from 2024-03-05 for lesbian, gay, bisexual and trans people.
        ChangeDraft all = draft("RU", null, EnumSet.of(Group.LESBIAN, Group.GAY, Group.BISEXUAL, Group.TRANS), ProvisionKind.NO_GROUP_POLICY,
                "2020-01-01");
        assertThat(ChangeFile.blockedBy(CURRENT, all)).get().extracting(Provision::id).isEqualTo("ru-lgbt-risk-group-continuation");
        PolicyInputException refused = catchThrowableOfType(PolicyInputException.class, () -> ChangeFile.write(CURRENT, all));
        assertThat(refused.field()).isEqualTo("from");

        PolicyChange gayOnly = roundTrip(draft("RU", null, EnumSet.of(Group.GAY), ProvisionKind.NO_GROUP_POLICY, "2020-01-01"));
        assertThat(standard(gayOnly.dataSet(), "RU", null, Group.GAY, "2025-01-01")).isEqualTo(EvidentiaryStandard.INDIVIDUAL_ASSESSMENT);
        assertThat(standard(gayOnly.dataSet(), "RU", null, Group.TRANS, "2025-01-01")).isEqualTo(standard(CURRENT, "RU", null, Group.TRANS, "2025-01-01"));
        assertThat(standard(gayOnly.dataSet(), "RU", null, Group.GAY, "2019-12-31")).isEqualTo(EvidentiaryStandard.MINOR_INDICATIONS);
        assertThat(ChangeFile.blockedBy(CURRENT, draft("RU", null, EnumSet.of(Group.GAY), ProvisionKind.NO_GROUP_POLICY, "2020-01-01"))).isEmpty();
    }

    @Test
    void aDraftSetsAStandard() {
        assertThat(ChangeDraft.KINDS).containsExactly(ProvisionKind.RISK_GROUP, ProvisionKind.VULNERABLE_MINORITY, ProvisionKind.GROUP_PERSECUTION,
                ProvisionKind.SPECIFIC_GROUP, ProvisionKind.NO_GROUP_POLICY);
    }
}

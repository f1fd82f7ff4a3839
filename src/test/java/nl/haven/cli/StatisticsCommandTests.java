package nl.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code haven stats forecast} (no database) and the bad-input paths of {@code haven policy impact}. */
class StatisticsCommandTests {

    @Test
    void forecastJsonIsTheInterfaceDocument() {
        HavenCliTests.Run run = HavenCliTests.run("stats", "forecast", "--observed", "20", "--as-of", "2025-04-17", "--target", "100", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"observed\" : 20").contains("\"asOf\" : \"2025-04-17\"").contains("\"year\" : 2025")
                .contains("\"median\" : 68").contains("\"pAtLeastTarget\" : 0.0188");
        assertThat(run.out().replaceAll("\\s", "")).contains("\"interval80\":[54,87]").contains("\"interval95\":[47,98]");
    }

    @Test
    void forecastForPeople() {
        HavenCliTests.Run run = HavenCliTests.run("stats", "forecast", "--observed", "20", "--as-of", "2025-04-17", "--target", "100");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("median total:  68").contains("80% interval:  54 to 87").contains("95% interval:  47 to 98")
                .contains("P(total >= 100): 0.019");
    }

    @Test
    void forecastBadInputIsExitTwoWithOneLine() {
        HavenCliTests.Run date = HavenCliTests.run("stats", "forecast", "--observed", "20", "--as-of", "17-04-2025");
        assertThat(date.exit()).isEqualTo(2);
        assertThat(date.err().strip().lines()).hasSize(1);
        assertThat(date.err()).contains("'17-04-2025'").contains("YYYY-MM-DD");
        HavenCliTests.Run negative = HavenCliTests.run("stats", "forecast", "--observed", "-1", "--as-of", "2025-04-17");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("observed");
        assertThat(HavenCliTests.run("stats", "forecast", "--as-of", "2025-04-17").exit()).isEqualTo(2);
    }

    @Test
    void impactRefusesAChangeFileWithTheLoadersFileAndLineMessages() {
        HavenCliTests.Run run = HavenCliTests.run("policy", "impact", "--change", "docs/examples/what-if-invalid.yaml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("what-if-invalid.yaml:8: unknown group 'transgender'")
                .contains("what-if-invalid.yaml:13: unknown source id 'no-such-source'")
                .contains("'us-trans-risk-group-now' (RISK_GROUP) contradicts 'us-trans-no-group-policy'")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void impactOfAnUnreadableFileIsExitTwo() {
        HavenCliTests.Run run = HavenCliTests.run("policy", "impact", "--change", "no/such/file.yaml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no/such/file.yaml");
    }
}

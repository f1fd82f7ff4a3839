package nl.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code haven routes advise --profile FILE [--json]}. */
class RoutesCommandTests {

    @Test
    void advisesFromAProfileFile(@TempDir Path dir) throws Exception {
        Path profile = Files.writeString(dir.resolve("profile.json"),
                "{\"nationality\":\"US\",\"date\":\"2025-07-10\",\"selfEmployed\":{\"capitalEur\":4000,\"ownershipPercent\":100}}");
        HavenCliTests.Run text = HavenCliTests.run("routes", "advise", "--profile", profile.toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("DAFT: NOT_ELIGIBLE").contains("What would change the outcome").contains("€4,500")
                .contains("  ! The figure daft-minimum-capital used here (valid from 2023-01-01) is confirmed only in a secondary source.");
        HavenCliTests.Run json = HavenCliTests.run("routes", "advise", "--profile", profile.toString(), "--json");
        assertThat(json.exit()).isZero();
        assertThat(json.out()).contains("\"route\" : \"DAFT\"").contains("\"outcome\" : \"NOT_ELIGIBLE\"")
                .contains("\"field\" : \"selfEmployed.capitalEur\"");
    }

    @Test
    void advisesOnFamilyReunificationAfterProtection(@TempDir Path dir) throws Exception {
        Path profile = Files.writeString(dir.resolve("family.json"), "{\"nationality\":\"IR\",\"date\":\"2026-12-06\","
                + "\"familyReunification\":{\"member\":\"UNMARRIED_PARTNER\",\"status\":\"REFUGEE\",\"grantedOn\":\"2026-10-01\"}}");
        HavenCliTests.Run text = HavenCliTests.run("routes", "advise", "--profile", profile.toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("FAMILY_REUNIFICATION: NOT_ELIGIBLE").contains("unmarried partner is not covered");
    }

    @Test
    void badProfilesExitTwoNamingTheField(@TempDir Path dir) throws Exception {
        Path notJson = Files.writeString(dir.resolve("a.json"), "nationality = US");
        HavenCliTests.Run run = HavenCliTests.run("routes", "advise", "--profile", notJson.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("not valid JSON");
        Path unknown = Files.writeString(dir.resolve("b.json"), "{\"nationality\":\"US\",\"pets\":2}");
        assertThat(HavenCliTests.run("routes", "advise", "--profile", unknown.toString()).err()).contains("unknown field 'pets'");
        Path future = Files.writeString(dir.resolve("c.json"), "{\"nationality\":\"US\",\"date\":\"2025-01-01\",\"dateOfBirth\":\"2031-01-01\"}");
        assertThat(HavenCliTests.run("routes", "advise", "--profile", future.toString()).err()).contains("dateOfBirth");
        Path negative = Files.writeString(dir.resolve("d.json"), "{\"nationality\":\"US\",\"jobOffer\":{\"grossMonthlySalaryEur\":-5}}");
        assertThat(HavenCliTests.run("routes", "advise", "--profile", negative.toString()).err()).contains("jobOffer.grossMonthlySalaryEur");
        Path member = Files.writeString(dir.resolve("e.json"), "{\"nationality\":\"IR\",\"familyReunification\":{\"member\":\"FRIEND\"}}");
        HavenCliTests.Run family = HavenCliTests.run("routes", "advise", "--profile", member.toString());
        assertThat(family.exit()).isEqualTo(2);
        assertThat(family.err()).contains("familyReunification.member").contains("UNMARRIED_PARTNER");
        HavenCliTests.Run missing = HavenCliTests.run("routes", "advise", "--profile", dir.resolve("absent.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("absent.json");
    }
}

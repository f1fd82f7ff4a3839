package nl.haven.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import nl.haven.testing.Bytes;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Field and document encryption, blind indexes and the canary test of SECURITY.md S3, on H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ProtectionIT {
    // PostgreSQL: ProtectionPostgresIT runs these same tests there (the database part as a full table scan).
    static final String CANARY = "CANARY-7f3e2a91-haven";

    @Autowired
    Protection protection;
    @Autowired
    JdbcClient jdbc;
    @Value("${haven.data-dir}")
    Path dataDir;

    static FieldRef field(OrgId org, CaseId caseId, String column) {
        return new FieldRef(org, caseId, "canary_field", column);
    }

    @Test
    void fieldsRoundTripAndAreBoundToTheirCaseAndColumn() {
        OrgId org = OrgId.random();
        CaseId first = CaseId.random();
        CaseId second = CaseId.random();
        protection.newCase(org, first);
        protection.newCase(org, second);
        byte[] ciphertext = protection.encryptText(field(org, first, "body"), "Ik ben trans en zoek hulp");
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("trans");
        assertThat(protection.decryptText(field(org, first, "body"), ciphertext)).isEqualTo("Ik ben trans en zoek hulp");
        assertThat(protection.encryptText(field(org, first, "body"), "same")).isNotEqualTo(protection.encryptText(field(org, first, "body"), "same"));
        assertThatThrownBy(() -> protection.decrypt(field(org, second, "body"), ciphertext)).isInstanceOf(ProtectionException.class)
                .hasMessageNotContaining("trans");
        assertThatThrownBy(() -> protection.decrypt(field(org, first, "name"), ciphertext)).isInstanceOf(ProtectionException.class);
        assertThatThrownBy(() -> protection.decrypt(new FieldRef(OrgId.random(), first, "canary_field", "body"), ciphertext))
                .isInstanceOf(ProtectionException.class);
    }

    @Test
    void ciphertextCopiedIntoAnotherCasesRowDoesNotDecrypt() {
        
        OrgId org = OrgId.random();
        CaseId a = CaseId.random();
        CaseId b = CaseId.random();
        protection.newCase(org, a);
        protection.newCase(org, b);
        jdbc.sql("insert into canary_field values (?, ?, ?)").params(a.value(), org.value(), protection.encryptText(field(org, a, "body"), "a's secret")).update();
        jdbc.sql("insert into canary_field values (?, ?, ?)").params(b.value(), org.value(), protection.encryptText(field(org, b, "body"), "b's secret")).update();
        // An insider copies a's ciphertext into b's row.
        jdbc.sql("update canary_field set body = (select body from canary_field where case_id = ?) where case_id = ?").params(a.value(), b.value())
                .update();
        byte[] copied = jdbc.sql("select body from canary_field where case_id = ?").param(b.value()).query(byte[].class).single();
        assertThatThrownBy(() -> protection.decrypt(field(org, b, "body"), copied)).isInstanceOf(ProtectionException.class);
    }

    @Test
    void documentsStreamEncryptedAndTamperingIsDetected() throws IOException {
        OrgId org = OrgId.random();
        CaseId caseId = CaseId.random();
        protection.newCase(org, caseId);
        FieldRef document = new FieldRef(org, caseId, "document", "content");
        byte[] original = new byte[1_000_000];
        new Random(7).nextBytes(original);
        byte[] marker = CANARY.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(marker, 0, original, 500_000, marker.length);
        Path stored = Files.createTempFile(dataDir, "doc", ".bin");
        try (OutputStream out = protection.encryptingStream(document, Files.newOutputStream(stored))) {
            new ByteArrayInputStream(original).transferTo(out);
        }
        assertThat(Bytes.indexOf(Files.readAllBytes(stored), marker)).isEqualTo(-1);
        try (InputStream in = protection.decryptingStream(document, Files.newInputStream(stored))) {
            assertThat(in.readAllBytes()).isEqualTo(original);
        }
        byte[] tampered = Files.readAllBytes(stored);
        tampered[tampered.length / 2] ^= 1;
        assertThatThrownBy(() -> {
            try (InputStream in = protection.decryptingStream(document, new ByteArrayInputStream(tampered))) {
                in.readAllBytes();
            }
        }).isInstanceOf(IOException.class);
        Files.delete(stored);
    }

    @Test
    void blindIndexesAreKeyedPerOrganisationAndIndex() {
        OrgId one = OrgId.random();
        OrgId two = OrgId.random();
        byte[] a = protection.blindIndex(one, "passport-number", " NX123456 ");
        assertThat(protection.blindIndex(one, "passport-number", "nx123456")).isEqualTo(a);
        assertThat(protection.blindIndex(two, "passport-number", "NX123456")).isNotEqualTo(a);
        assertThat(protection.blindIndex(one, "v-number", "NX123456")).isNotEqualTo(a);
        assertThat(a).hasSize(32);
    }

    /**
     * SECURITY.md S3: canary strings encrypted through the API are found nowhere in the database
     * (a full scan of every table, and the H2 file's bytes) nor anywhere in the data directory.
     */
    @Test
    void canaryStringsAppearNowhereInTheDatabaseOrTheDataDirectory() throws IOException {
        
        OrgId org = OrgId.random();
        List<String> canaries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CaseId caseId = CaseId.random();
            protection.newCase(org, caseId);
            String canary = CANARY + "-" + i + "-Алексей-trans-Чечня";
            canaries.add(canary);
            jdbc.sql("insert into canary_field values (?, ?, ?)").params(caseId.value(), org.value(), protection.encryptText(field(org, caseId, "body"), canary))
                    .update();
        }
        boolean h2 = jdbc.sql("select 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData().getDatabaseProductName()).single()
                .equals("H2");
        if (h2) {
            jdbc.sql("checkpoint sync").update(); // everything on disk, so the file's bytes can be searched
        }
        // A full scan of every table, every column, as text and as bytes.
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema()")
                .query(String.class).list();
        assertThat(tables).contains("canary_field", "case_key");
        for (String table : tables) {
            jdbc.sql("select * from " + table).query((rs, n) -> {
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    Object value = rs.getObject(c);
                    String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
                    assertThat(text).as("%s column %d", table, c).doesNotContain(CANARY);
                }
                return n;
            }).list();
        }
        // Every file of the data directory: the database file, the key files, everything.
        byte[] needle = CANARY.getBytes(StandardCharsets.UTF_8);
        byte[] needle16 = CANARY.getBytes(StandardCharsets.UTF_16LE);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        if (h2) {
            assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith(".mv.db"));
        }
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            assertThat(Bytes.indexOf(content, needle)).as("canary in %s", file).isEqualTo(-1);
            assertThat(Bytes.indexOf(content, needle16)).as("canary (UTF-16) in %s", file).isEqualTo(-1);
        }
        assertThat(canaries).hasSize(20);
    }


    @Test
    void streamsOfOneCaseDoNotOpenWithAnothersKey() throws IOException {
        OrgId org = OrgId.random();
        CaseId a = CaseId.random();
        CaseId b = CaseId.random();
        protection.newCase(org, a);
        protection.newCase(org, b);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = protection.encryptingStream(new FieldRef(org, a, "document", "content"), sink)) {
            out.write("passport scan".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> {
            try (InputStream in = protection.decryptingStream(new FieldRef(org, b, "document", "content"),
                    new ByteArrayInputStream(sink.toByteArray()))) {
                in.readAllBytes();
            }
        }).isInstanceOfAny(IOException.class, ProtectionException.class);
    }
}

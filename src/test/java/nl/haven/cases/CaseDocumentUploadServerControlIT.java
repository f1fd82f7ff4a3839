package nl.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The control for {@link CaseDocumentUploadServerIT}'s temp-file scan: with the container set as Spring Boot sets it
 * by default (file size threshold 0, so every upload is spilled to a temporary file), the same paused upload and the
 * same scan do find the canary on disk. Without this, a scan that finds nothing could simply be looking in the wrong
 * place or at the wrong moment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CaseDocumentUploadServerControlIT.SpillToDisk.class)
class CaseDocumentUploadServerControlIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class SpillToDisk {
        @Bean
        @Primary
        MultipartConfigElement spillingMultipartConfig() {
            return new MultipartConfigElement("", -1, -1, 0);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ServletContext servletContext;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseOpening caseOpening;

    @Test
    void theScanFindsTheCanaryWhenTheContainerSpillsUploadsToDisk() throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "spill");
        UUID caseId = caseOpening.open(staff.member(Role.CASEWORKER), new NewCase(null, null, CaseDetails.empty(), "STAFF")).id();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] needle = CaseDocumentUploadServerIT.CANARY.getBytes(StandardCharsets.UTF_8);
        File containerTemp = (File) servletContext.getAttribute(ServletContext.TEMPDIR);
        List<Path> roots = List.of(Path.of(System.getProperty("java.io.tmpdir")), containerTemp.toPath());

        UploadInFlight upload = UploadInFlight.start(URI.create("http://127.0.0.1:" + port + "/api/v1/cases/" + caseId + "/documents"),
                staff.bearer(Role.CASEWORKER), "statement.txt", CaseDocumentUploadServerIT.canaryText(3 * 1024 * 1024), 2 * 1024 * 1024);
        upload.awaitPause();
        List<Path> whileUploading = UploadInFlight.watch(needle, roots, start, Duration.ofSeconds(30));
        HttpResponse<String> response = upload.resume();
        assertThat(whileUploading).as("a temporary upload file with the canary").isNotEmpty();
        assertThat(whileUploading.get(0).startsWith(containerTemp.toPath())).as("in the container's temp directory").isTrue();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}

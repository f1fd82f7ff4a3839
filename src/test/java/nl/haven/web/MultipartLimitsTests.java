package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.MultipartConfigElement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/** The container's one multipart configuration, from the modules' upload limits. */
class MultipartLimitsTests {

    record Limits(DataSize largestUploadPart, DataSize largestUploadRequest, String uploadLimitProperty) implements UploadLimits {
    }

    private static final Limits DOCUMENTS = new Limits(DataSize.ofMegabytes(10), DataSize.ofKilobytes(10 * 1024 + 64), "haven.cases.documents.max-size");
    private static final Limits INTAKE = new Limits(DataSize.ofMegabytes(20), DataSize.ofMegabytes(21), "haven.intake.max-upload-size");

    @Test
    void theLargestPartAndRequestOfAllModulesAndNeverATemporaryFile() {
        MultipartConfigElement config = new MultipartLimits().multipartConfigElement(List.of(DOCUMENTS, INTAKE), new MockEnvironment());
        assertThat(config.getMaxFileSize()).isEqualTo(DataSize.ofMegabytes(20).toBytes());
        assertThat(config.getMaxRequestSize()).isEqualTo(DataSize.ofMegabytes(21).toBytes());
        assertThat((long) config.getFileSizeThreshold()).isGreaterThan(config.getMaxRequestSize());

        Limits bigDocuments = new Limits(DataSize.ofMegabytes(50), DataSize.ofKilobytes(50 * 1024 + 64), "haven.cases.documents.max-size");
        MultipartConfigElement larger = new MultipartLimits().multipartConfigElement(List.of(INTAKE, bigDocuments), new MockEnvironment());
        assertThat(larger.getMaxFileSize()).isEqualTo(DataSize.ofMegabytes(50).toBytes());
        assertThat(larger.getMaxRequestSize()).isEqualTo(DataSize.ofKilobytes(50 * 1024 + 64).toBytes());
    }

    @Test
    void springsOwnMultipartSettingsAreRefusedNamingTheModulesSettings() {
        for (String property : MultipartLimits.REPLACED) {
            MockEnvironment environment = new MockEnvironment().withProperty("spring.servlet.multipart." + property, "1MB");
            assertThatThrownBy(() -> new MultipartLimits().multipartConfigElement(List.of(DOCUMENTS, INTAKE), environment))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("spring.servlet.multipart." + property)
                    .hasMessageContaining("haven.cases.documents.max-size").hasMessageContaining("haven.intake.max-upload-size");
        }
    }
}

package nl.haven.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** What the case documents ask of the container's multipart limits. */
class DocumentSettingsTests {

    @Test
    void oneDocumentAndItsFraming() {
        DocumentSettings settings = new DocumentSettings(DataSize.ofMegabytes(10));
        assertThat(settings.largestUploadPart()).isEqualTo(DataSize.ofMegabytes(10));
        assertThat(settings.largestUploadRequest().toBytes()).isEqualTo(DataSize.ofMegabytes(10).toBytes() + DataSize.ofKilobytes(64).toBytes());
        assertThat(settings.uploadLimitProperty()).isEqualTo("haven.cases.documents.max-size");
    }
}

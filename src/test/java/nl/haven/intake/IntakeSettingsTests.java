package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** What the public intake asks of the container's multipart limits. */
class IntakeSettingsTests {

    @Test
    void allFilesAsOnePartAndTheFormBesideThem() {
        IntakeSettings settings = new IntakeSettings(5, DataSize.ofMegabytes(10), DataSize.ofMegabytes(20), 20, 10, Duration.ofHours(24),
                "https://www.google.com/", 24_000_000, 64_000_000, 2, Duration.ofSeconds(2));
        assertThat(settings.largestUploadPart()).isEqualTo(DataSize.ofMegabytes(20));
        assertThat(settings.largestUploadRequest()).isEqualTo(DataSize.ofMegabytes(21));
        assertThat(settings.uploadLimitProperty()).isEqualTo("haven.intake.max-upload-size");
    }
}

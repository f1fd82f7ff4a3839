package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** What the public intake asks of the container's multipart limits. */
class IntakeSettingsTests {

    @Test
    void allFilesAsOnePartAndTheFormBesideThem() {
        IntakeSettings settings = new IntakeSettings(5, DataSize.ofMegabytes(10), DataSize.ofMegabytes(20), 20, 10, Duration.ofHours(24),
                "https://www.google.com/", 24_000_000, 64_000_000, 2, Duration.ofSeconds(2), 0);
        assertThat(settings.largestUploadPart()).isEqualTo(DataSize.ofMegabytes(20));
        assertThat(settings.largestUploadRequest()).isEqualTo(DataSize.ofMegabytes(21));
        assertThat(settings.uploadLimitProperty()).isEqualTo("haven.intake.max-upload-size");
    }

    @Test
    void uploadsAtOnceFollowTheHeapUnlessSet() {
        IntakeSettings derived = new IntakeSettings(5, DataSize.ofMegabytes(10), DataSize.ofMegabytes(20), 20, 10, Duration.ofHours(24),
                "https://www.google.com/", 24_000_000, 64_000_000, 2, Duration.ofSeconds(2), 0);
        assertThat(derived.uploadsAtOnce(DataSize.ofMegabytes(256).toBytes())).as("the launcher's heap").isEqualTo(1);
        assertThat(derived.uploadsAtOnce(DataSize.ofMegabytes(64).toBytes())).as("never none").isEqualTo(1);
        assertThat(derived.uploadsAtOnce(DataSize.ofGigabytes(2).toBytes())).isEqualTo(12);
        IntakeSettings set = new IntakeSettings(5, DataSize.ofMegabytes(10), DataSize.ofMegabytes(20), 20, 10, Duration.ofHours(24),
                "https://www.google.com/", 24_000_000, 64_000_000, 2, Duration.ofSeconds(2), 3);
        assertThat(set.uploadsAtOnce(DataSize.ofMegabytes(256).toBytes())).isEqualTo(3);
        assertThatThrownBy(() -> new IntakeSettings(5, DataSize.ofMegabytes(10), DataSize.ofMegabytes(20), 20, 10, Duration.ofHours(24),
                "https://www.google.com/", 24_000_000, 64_000_000, 2, Duration.ofSeconds(2), -1)).hasMessageContaining("concurrent-uploads is -1");
    }
}

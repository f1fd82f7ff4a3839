package nl.haven.cases.web;

import jakarta.servlet.MultipartConfigElement;
import java.util.List;
import nl.haven.cases.internal.DocumentSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The servlet container's multipart limits, derived from {@code haven.cases.documents.max-size} so that they cannot
 * disagree with it, and set so that an upload is never written to a temporary file (SECURITY.md S3: no plaintext on
 * disk). The container keeps a part in memory up to its "file size threshold" and spills it to a file in its temp
 * directory beyond that (Spring Boot's default threshold is 0: every upload would go to disk, in plaintext, until the
 * request ends). Here the threshold is one byte above the largest request the container accepts at all, so a part
 * is refused for its size before it could ever reach the threshold. Memory cost: at most one request's size per
 * upload in progress.
 *
 * <p>This bean replaces Spring Boot's, so {@code spring.servlet.multipart.max-file-size}, {@code max-request-size},
 * {@code file-size-threshold} and {@code location} would be ignored; start-up refuses them rather than ignore them.
 * The limits apply to every multipart request of the application: case documents and the public intake's uploads.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class DocumentUploadConfig {
    static final List<String> REPLACED = List.of("max-file-size", "max-request-size", "file-size-threshold", "location");

    @Bean
    MultipartConfigElement multipartConfigElement(DocumentSettings settings, Environment environment) {
        for (String property : REPLACED) {
            if (environment.containsProperty("spring.servlet.multipart." + property)) {
                throw new IllegalStateException("spring.servlet.multipart." + property + " is set, but Haven derives the multipart limits from "
                        + "haven.cases.documents.max-size (so that an upload is never written to a temporary file): remove it and set "
                        + "haven.cases.documents.max-size instead");
            }
        }
        // One configuration for the whole container: the larger of the case documents' and the public intake's limits
        // (the intake's are read as properties: cases does not depend on intake). Each checks its own limits itself.
        long intakeFile = DataSize.parse(environment.getProperty("haven.intake.max-upload-size", "0B")).toBytes();
        long intakeRequest = intakeFile + DataSize.ofMegabytes(1).toBytes();
        long maxFile = Math.max(settings.maxSize().toBytes(), intakeFile);
        long maxRequest = Math.max(settings.maxSize().toBytes() + DocumentSettings.MULTIPART_OVERHEAD.toBytes(), intakeRequest);
        return new MultipartConfigElement("", maxFile, maxRequest, Math.toIntExact(maxRequest + 1));
    }
}

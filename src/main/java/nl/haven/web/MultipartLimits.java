package nl.haven.web;

import jakarta.servlet.MultipartConfigElement;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The servlet container's multipart limits, derived from the modules' own upload settings ({@link UploadLimits}: {@code
 * haven.cases.documents.max-size}, {@code haven.intake.max-upload-size}) so that they cannot disagree with them, and
 * set so that an upload is never written to a temporary file (SECURITY.md S3: no plaintext on disk). The container
 * keeps a part in memory up to its "file size threshold" and spills it to a file in its temp directory beyond that
 * (Spring Boot's default threshold is 0: every upload would go to disk, in plaintext, until the request ends). Here
 * the threshold is one byte above the largest request the container accepts at all, so a part is refused for its size
 * before it could ever reach the threshold. Memory cost: at most one request's size per upload in progress.
 *
 * <p>This bean replaces Spring Boot's, so {@code spring.servlet.multipart.max-file-size}, {@code max-request-size},
 * {@code file-size-threshold} and {@code location} would be ignored; start-up refuses them rather than ignore them.
 * The limits apply to every multipart request of the application: the largest part and the largest request of all
 * the modules' limits.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class MultipartLimits {
    static final List<String> REPLACED = List.of("max-file-size", "max-request-size", "file-size-threshold", "location");

    @Bean
    MultipartConfigElement multipartConfigElement(List<UploadLimits> limits, Environment environment) {
        String settings = limits.stream().map(UploadLimits::uploadLimitProperty).sorted().collect(Collectors.joining(" and "));
        for (String property : REPLACED) {
            if (environment.containsProperty("spring.servlet.multipart." + property)) {
                throw new IllegalStateException("spring.servlet.multipart." + property + " is set, but Haven derives the multipart limits from "
                        + settings + " (so that an upload is never written to a temporary file): remove it and set " + settings + " instead");
            }
        }
        long maxFile = limits.stream().mapToLong(l -> l.largestUploadPart().toBytes()).max().orElse(0);
        long maxRequest = limits.stream().mapToLong(l -> l.largestUploadRequest().toBytes()).max().orElse(0);
        return new MultipartConfigElement("", maxFile, maxRequest, Math.toIntExact(maxRequest + 1));
    }
}

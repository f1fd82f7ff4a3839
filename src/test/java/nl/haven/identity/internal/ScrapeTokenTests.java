package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The metrics scrape token's configuration (issue #15, point 6): what is accepted, and what start-up refuses. */
class ScrapeTokenTests {
    static final String TOKEN = "0123456789abcdef0123456789abcdef-scrape";

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    static Authentication scrape(ScrapeToken filter, String authorization) throws Exception {
        SecurityContextHolder.clearContext();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        return SecurityContextHolder.getContext().getAuthentication();
    }

    @Test
    void onlyTheConfiguredBearerTokenAuthenticates() throws Exception {
        ScrapeToken filter = ScrapeToken.configured(TOKEN, "");
        assertThat(scrape(filter, "Bearer " + TOKEN).getAuthorities()).extracting(Object::toString).containsExactly(ScrapeToken.AUTHORITY);
        assertThat(scrape(filter, "Bearer " + TOKEN.substring(1))).isNull();
        assertThat(scrape(filter, "Bearer " + TOKEN + "0")).isNull();
        assertThat(scrape(filter, "Basic " + TOKEN)).isNull();
        assertThat(scrape(filter, null)).isNull();
    }

    @Test
    void withoutATokenNothingAuthenticates() throws Exception {
        ScrapeToken filter = ScrapeToken.configured("", "");
        assertThat(scrape(filter, "Bearer ")).isNull();
        assertThat(scrape(filter, "Bearer " + TOKEN)).isNull();
    }

    @Test
    void theTokenMayComeFromAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics-token"), TOKEN + "\n");
        ScrapeToken filter = ScrapeToken.configured(null, file.toString());
        assertThat(scrape(filter, "Bearer " + TOKEN)).isNotNull();
    }

    @Test
    void aShortTokenOrAnUnreadableFileStopsStartUpWithoutShowingTheToken() {
        assertThatThrownBy(() -> ScrapeToken.configured("short-secret-value", ""))
                .hasMessageContaining("haven.metrics.token").hasMessageContaining("18 characters").hasMessageContaining("at least 32")
                .hasMessageNotContaining("short-secret-value");
        String missing = dir.resolve("no-such-file").toString();
        assertThatThrownBy(() -> ScrapeToken.configured(null, missing)).hasMessageContaining("haven.metrics.token-file").hasMessageContaining(missing);
    }
}

package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;

/** Every problem document's {@code type} is a public page that explains it (issue #21, point 1), in English and Dutch. */
@SpringBootTest
@AutoConfigureMockMvc
class ProblemPagesIT {
    @Autowired
    MockMvc mvc;

    String page(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void everyNamedTypeResolvesAnonymouslyToAPageWithItsTitleAndStatus() throws Exception {
        for (ProblemType type : ProblemType.NAMED) {
            String html = page(type.uri().toString());
            assertThat(html).as(type.slug()).contains("<h1>" + type.title() + "</h1>").contains(Integer.toString(type.status().value()))
                    .doesNotContain("??problems.");
        }
        assertThat(page("/problems")).contains("/problems/bad-input").contains("/problems/idempotency-key-reused");
    }

    @Test
    void theGeneralTypeOfAStatusHasAPageTooAndAnUnknownSlugIsNotFound() throws Exception {
        ProblemType general = ProblemType.of(HttpStatus.PRECONDITION_FAILED);
        assertThat(page(general.uri().toString())).contains("Precondition Failed").contains("412");
        mvc.perform(get("/problems/no-such-problem")).andExpect(status().isNotFound());
    }

    @Test
    void inDutch() throws Exception {
        assertThat(page("/problems/conflict?lang=nl")).contains("De huidige toestand staat deze wijziging niet toe");
        assertThat(page("/problems/conflict")).contains("The current state does not allow this change");
    }
}

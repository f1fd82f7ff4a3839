package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.haven.testing.ApiDocumentValidation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed OpenAPI document ({@code src/main/resources/openapi/haven-api.json}), from which the build generates
 * the Java client of the API tests (issue #21, point 3), is the document the application serves at
 * {@code /v3/api-docs}: a change to the API that is not in the snapshot fails here. Refresh it with
 * {@code mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=OpenApiSnapshotIT -Dhaven.openapi.refresh=true}
 * (then build again, so that the client is generated from it).
 */
@SpringBootTest
class OpenApiSnapshotIT {
    static final Path SNAPSHOT = Path.of("src/main/resources/openapi/haven-api.json");
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Autowired
    WebApplicationContext context;

    @Test
    void theCommittedDocumentIsTheServedOne() throws Exception {
        JsonNode live = JSON.readTree(ApiDocumentValidation.document(context));
        if (Boolean.getBoolean("haven.openapi.refresh")) {
            Files.writeString(SNAPSHOT, JSON.writeValueAsString(live) + "\n", StandardCharsets.UTF_8);
        }
        assertThat(SNAPSHOT).as("the committed OpenAPI document").exists();
        JsonNode committed = JSON.readTree(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
        assertThat(committed).as("%s differs from /v3/api-docs: refresh it (see this test's comment)", SNAPSHOT).isEqualTo(live);
    }
}

package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** What the OpenAPI document cannot show by itself to the request validator (issue #21, point 1). */
@SpringBootTest
class ApiDocumentIT {
    @Autowired
    ApplicationContext context;

    /** springdoc names a schema by the record's simple name: two records of one name would be described as one. */
    @Test
    void noTwoRecordsOfTheApiShareASchemaName() {
        assertThat(ApiDocument.sharedNames(context)).as("give one of each a @Schema(name = …)").isEmpty();
    }
}

package nl.haven.cases.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the cases module's answers are in the OpenAPI document where springdoc cannot tell (issue #21, point 1): the
 * lawyer's summary and a case document are bytes (not base64), the calendar feed is {@code text/calendar}.
 */
@Configuration(proxyBeanMethods = false)
class CaseApiDocument {

    @Bean
    OpenApiCustomizer caseDocument() {
        return openApi -> {
            // The queue's status filter: a handling or a stage (CaseFilter).
            PathItem queue = openApi.getPaths() == null ? null : openApi.getPaths().get("/api/v1/cases");
            if (queue != null && queue.getGet() != null && queue.getGet().getParameters() != null) {
                List<String> states = new ArrayList<>();
                Arrays.stream(Handling.values()).map(Enum::name).forEach(states::add);
                Arrays.stream(Stage.values()).map(Enum::name).filter(s -> !states.contains(s)).forEach(states::add);
                queue.getGet().getParameters().stream().filter(p -> "status".equals(p.getName()))
                        .forEach(p -> p.setSchema(new StringSchema().description("A handling or a stage, in any case: " + String.join(", ", states))));
            }
            // The safe contact's channel: one of CaseDetails.SafeContact.CHANNELS (CaseInput refuses any other, 400).
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                Schema<?> contact = openApi.getComponents().getSchemas().get("SafeContact");
                if (contact != null && contact.getProperties() != null) {
                    contact.getProperties().put("channel", new StringSchema()._enum(CaseDetails.SafeContact.CHANNELS)
                            .description("How the requester may be reached safely; none: do not contact"));
                }
            }
            answer(openApi, "/api/v1/cases/{id}/summary.pdf", ok -> ok.description("The lawyer's case summary, a PDF attachment")
                    .content(new Content().addMediaType("application/pdf", new MediaType().schema(new BinarySchema()))));
            answer(openApi, "/api/v1/cases/{id}/documents/{docId}", ok -> ok.description("The document as uploaded (PDF, JPEG, PNG or "
                    + "plain text), an attachment").content(new Content().addMediaType("application/pdf", new MediaType().schema(new BinarySchema()))
                            .addMediaType("image/jpeg", new MediaType().schema(new BinarySchema()))
                            .addMediaType("image/png", new MediaType().schema(new BinarySchema()))
                            .addMediaType("text/plain", new MediaType().schema(new BinarySchema()))));
            answer(openApi, "/calendar/{token}.ics", ok -> ok.description("The staff member's tasks and appointments as an iCalendar "
                    + "feed (RFC 5545); the address is the secret, so it needs no other credentials")
                    .content(new Content().addMediaType("text/calendar", new MediaType().schema(new StringSchema()
                            .example("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Haven//Tasks//EN\r\nEND:VCALENDAR\r\n")))));
        };
    }

    private static void answer(OpenAPI openApi, String path, Consumer<ApiResponse> change) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        Operation get = item == null ? null : item.getGet();
        if (get != null && get.getResponses() != null && get.getResponses().get("200") != null) {
            change.accept(get.getResponses().get("200"));
        }
    }
}

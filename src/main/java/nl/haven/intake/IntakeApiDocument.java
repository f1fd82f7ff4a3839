package nl.haven.intake;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.haven.shared.Languages;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The intake API in the OpenAPI document as {@link IntakeApi} reads it (issue #21, point 1): the body is JSON of
 * these fields only (an unknown field is refused, so {@code additionalProperties: false}), not a byte string; the answer
 * is the reference and the codename, with {@code Idempotent-Replayed}; a visitor over the limit gets 429 with
 * {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class IntakeApiDocument {
    static final String PATH = "/api/v1/intake/{org}";

    @Bean
    OpenApiCustomizer intakeDocument() {
        return openApi -> {
            PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(PATH);
            Operation submit = item == null ? null : item.getPost();
            if (submit == null) {
                return;
            }
            openApi.getComponents().addSchemas("IntakeSubmission", submission());
            openApi.getComponents().addSchemas("IntakeReceipt", new ObjectSchema()
                    .addProperty("reference", new StringSchema().description("The case's reference, for the person to quote"))
                    .addProperty("codename", new StringSchema().description("The secret words to follow the request up with; show them "
                            + "once, never store or log them"))
                    .required(List.of("reference", "codename")));
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("language", "en");
            example.put("nationality", "UG");
            example.put("groups", List.of("gay"));
            example.put("message", "I need advice about asylum.");
            example.put("contact", Map.of("channel", "email", "value", "robin@example.org"));
            submit.requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/IntakeSubmission"))
                            .addExamples("request", new Example().value(example)))));
            // springdoc runs the customisers in no set order: the web module's may not have made the 200 a 201 yet.
            ApiResponse created = submit.getResponses().get("201") != null ? submit.getResponses().get("201") : submit.getResponses().get("200");
            if (created != null) {
                created.setContent(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/IntakeReceipt"))
                                .addExamples("receipt", new Example().value(Map.of("reference", "HVN-7K3Q-9XPA",
                                        "codename", "river lantern meadow copper")))));
                created.addHeaderObject("Idempotent-Replayed", new Header().required(true)
                        .description("true when this is the first answer to an earlier request with the same key and body")
                        .schema(new BooleanSchema()));
            }
            submit.getParameters().stream().filter(p -> "Idempotency-Key".equals(p.getName())).forEach(p -> p.required(true)
                    .schema(new StringSchema().pattern(IntakeApi.KEY.pattern())));
        };
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    static Schema<?> submission() {
        Schema contact = new ObjectSchema().additionalProperties(false).nullable(true)
                .addProperty("channel", new StringSchema()._enum(IntakeRules.CHANNELS).nullable(true))
                .addProperty("value", new StringSchema().nullable(true).description("An address of the channel's form"));
        ArraySchema groups = new ArraySchema();
        groups.items(new StringSchema()._enum(IntakeRules.GROUPS));
        groups.setNullable(true);
        Schema schema = new ObjectSchema().additionalProperties(false)
                .description("A request for help; every field but `message` may be left out. An unknown field is refused (400 naming it).")
                .addProperty("language", new StringSchema()._enum(new ArrayList<>(Languages.codes())).nullable(true)
                        .description("The language of the answer and of later messages; English when left out"))
                .addProperty("nationality", new StringSchema().nullable(true).description("ISO 3166-1 alpha-2").example("UG"))
                .addProperty("countryOfResidence", new StringSchema().nullable(true).description("ISO 3166-1 alpha-2"))
                .addProperty("groups", groups)
                .addProperty("message", new StringSchema().maxLength(IntakeRules.MAX_MESSAGE).description("What the person asks"))
                .addProperty("contact", contact)
                .addProperty("nameUsed", new StringSchema().nullable(true))
                .addProperty("pronouns", new StringSchema().nullable(true));
        schema.setRequired(List.of("message"));
        return schema;
    }
}

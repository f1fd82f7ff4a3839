package nl.haven.statistics.internal;

import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.Arrays;
import java.util.Locale;
import nl.haven.statistics.Dimension;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The statistics API's {@code by} in the OpenAPI document: one of the dimensions (issue #21, point 1). */
@Configuration(proxyBeanMethods = false)
class StatisticsApiDocument {

    @Bean
    OpenApiCustomizer statisticsDocument() {
        return openApi -> {
            PathItem requests = openApi.getPaths() == null ? null : openApi.getPaths().get("/api/v1/statistics/requests");
            if (requests == null || requests.getGet() == null || requests.getGet().getParameters() == null) {
                return;
            }
            requests.getGet().getParameters().stream().filter(p -> "by".equals(p.getName())).forEach(p -> p.setSchema(new StringSchema()
                    ._enum(Arrays.stream(Dimension.values()).map(d -> d.name().toLowerCase(Locale.ROOT)).toList())
                    .description("What the counts are split by; month when left out")));
        };
    }
}

package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import nl.haven.cases.Stage;
import org.junit.jupiter.api.Test;
import nl.haven.testing.Bundles;

/** Every key of a fixed dimension has a label in every language (the dashboard builds these keys from the values). */
class StatisticsLabelsTests {

    @Test
    void everyBucketHasALabelInEnglishDutchAndRussian() throws IOException {
        for (String suffix : List.of("", "_nl", "_ru")) {
            Properties bundle = Bundles.texts(suffix.isEmpty() ? "en" : suffix.substring(1));
            for (Dimension d : Dimension.values()) {
                if (d.fixedKeys() == null) {
                    continue;
                }
                for (String key : d.fixedKeys()) {
                    assertThat(bundle.getProperty("statistics." + d.code() + "." + key)).as("statistics.%s.%s in messages%s", d.code(), key, suffix)
                            .isNotBlank();
                }
                if (d != Dimension.MONTH) {
                    assertThat(bundle.getProperty("statistics.by." + d.code())).isNotBlank();
                }
            }
        }
    }

    @Test
    void groupCategoriesRoutesAndStatusAreDerivedInOnePlace() {
        assertThat(Dimension.groupCategory(List.of("gay", "trans"))).isEqualTo("trans");
        assertThat(Dimension.groupCategory(List.of("nonbinary"))).isEqualTo("trans");
        assertThat(Dimension.groupCategory(List.of("intersex", "lesbian"))).isEqualTo("intersex");
        assertThat(Dimension.groupCategory(List.of("queer"))).isEqualTo("lgb");
        assertThat(Dimension.groupCategory(List.of("lgbti"))).isEqualTo("lgb");
        assertThat(Dimension.groupCategory(List.of())).isEqualTo("none-given");
        assertThat(Dimension.groupCategory(List.of("something typed"))).isEqualTo("none-given");
        assertThat(Dimension.route(Stage.PREPARING)).isEqualTo("undecided");
        assertThat(Dimension.route(Stage.APPEAL)).isEqualTo("asylum");
        assertThat(Dimension.route(Stage.REGULAR_REFUSED)).isEqualTo("regular");
        assertThat(Dimension.ROUTES).containsExactly("asylum", "regular", "undecided");
        assertThat(Dimension.stage(Stage.REST_AND_PREPARATION)).isEqualTo("rest-and-preparation");
    }
}

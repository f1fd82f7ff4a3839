package nl.haven.policy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.policy.AssessmentDocument.ProvisionView;
import nl.haven.policy.Confidence;
import nl.haven.policy.ProvisionKind;
import org.junit.jupiter.api.Test;

/** The country timeline is mirrored for a right-to-left page (issue #20, point 1). */
class TimelineSvgTests {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    static final List<ProvisionView> PROVISIONS = List.of(
            provision("old-policy", "2010-01-01", "2015-06-30"),
            provision("new-policy", "2020-01-01", null));

    static ProvisionView provision(String id, String from, String to) {
        return new ProvisionView(id, ProvisionKind.RISK_GROUP, from, to, "DAY", from, List.of("gay"), List.of(), Confidence.PRIMARY,
                "summary", List.of(), List.of(), null);
    }

    static List<Double> numbers(String svg, String pattern) {
        List<Double> found = new ArrayList<>();
        Matcher m = Pattern.compile(pattern).matcher(svg);
        while (m.find()) {
            found.add(Double.parseDouble(m.group(1)));
        }
        return found;
    }

    @Test
    void leftToRightTimeRunsRightwardsWithLabelsOnTheLeft() {
        String svg = TimelineSvg.draw(PROVISIONS, TODAY, "Timeline");
        List<Double> bars = numbers(svg, "<rect x=\"([0-9.]+)\"");
        assertThat(bars.get(0)).isLessThan(bars.get(1)); // the older provision starts further left
        assertThat(numbers(svg, "<text x=\"([0-9.]+)\" y=\"\\d+\" font-size=\"12\"")).allMatch(x -> x < 450);
        assertThat(svg).doesNotContain("direction=");
    }

    @Test
    void rightToLeftTimeRunsLeftwardsWithLabelsOnTheRight() {
        String ltr = TimelineSvg.draw(PROVISIONS, TODAY, "Timeline", false);
        String rtl = TimelineSvg.draw(PROVISIONS, TODAY, "Timeline", true);
        List<Double> bars = numbers(rtl, "<rect x=\"([0-9.]+)\"");
        List<Double> widths = numbers(rtl, "width=\"([0-9.]+)\" height=\"16\"");
        assertThat(bars.get(0)).isGreaterThan(bars.get(1)); // the older provision lies further right
        assertThat(numbers(rtl, "<text x=\"([0-9.]+)\" y=\"\\d+\" font-size=\"12\"")).allMatch(x -> x > 450);
        assertThat(rtl).contains("direction=\"rtl\"");
        // mirrored exactly: each bar's right edge in RTL is 900 minus its left edge in LTR
        List<Double> ltrBars = numbers(ltr, "<rect x=\"([0-9.]+)\"");
        for (int i = 0; i < bars.size(); i++) {
            assertThat(bars.get(i) + widths.get(i)).isCloseTo(900 - ltrBars.get(i), offset(0.15));
        }
    }

    /** Issue #20 point 6: the public page labels each bar in the reader's words; the id is nowhere in the drawing. */
    @Test
    void barsCarryTheLabelGivenNotTheProvisionsId() {
        String svg = TimelineSvg.draw(PROVISIONS, TODAY, "Timeline", false, p -> "Groep met risico");
        assertThat(svg).contains(">Groep met risico</text>").contains("<title>Groep met risico: 2010-01-01")
                .doesNotContain("old-policy").doesNotContain("RISK_GROUP");
    }
}

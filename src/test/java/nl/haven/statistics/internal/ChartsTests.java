package nl.haven.statistics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import nl.haven.statistics.Disclosure;
import nl.haven.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 19, point 10: the forecast chart draws its band, as a filled path with an area one can see (at least 150 square
 * units: the year-end marker keeps a least height when the interval is narrow, as in December), with 3:1 contrast on
 * the page, and a legend naming the intervals.
 */
class ChartsTests {
    static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    static Document svg(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The area enclosed by a path of straight segments (M, L, H, V, Z with absolute coordinates), by the shoelace formula. */
    static double area(String d) {
        List<double[]> points = new ArrayList<>();
        Matcher m = Pattern.compile("([MLHVZ])([^MLHVZ]*)").matcher(d.trim());
        double x = 0;
        double y = 0;
        while (m.find()) {
            String[] n = m.group(2).trim().isEmpty() ? new String[0] : m.group(2).trim().split("[ ,]+");
            switch (m.group(1)) {
                case "M", "L" -> {
                    for (int i = 0; i + 1 < n.length; i += 2) {
                        x = Double.parseDouble(n[i]);
                        y = Double.parseDouble(n[i + 1]);
                        points.add(new double[] { x, y });
                    }
                }
                case "H" -> {
                    x = Double.parseDouble(n[0]);
                    points.add(new double[] { x, y });
                }
                case "V" -> {
                    y = Double.parseDouble(n[0]);
                    points.add(new double[] { x, y });
                }
                default -> {
                }
            }
        }
        double sum = 0;
        for (int i = 0; i < points.size(); i++) {
            double[] a = points.get(i);
            double[] b = points.get((i + 1) % points.size());
            sum += a[0] * b[1] - b[0] * a[1];
        }
        return Math.abs(sum) / 2;
    }

    /** WCAG's contrast ratio of a #rrggbb colour against white. */
    static double contrastOnWhite(String hex) {
        double l = 0;
        double[] weights = { 0.2126, 0.7152, 0.0722 };
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            l += weights[i] * (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        return 1.05 / (l + 0.05);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-12-06", "2026-06-15", "2026-01-03", "2026-12-28" })
    void theForecastBandIsAFilledPathWithAnAreaAndEnoughContrast(String day) throws Exception {
        LocalDate asOf = LocalDate.parse(day);
        List<Disclosure.Cell> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(new Disclosure.Cell(String.format(Locale.ROOT, "%02d", m), m <= asOf.getMonthValue() ? 40L + m : 0L, null, null));
        }
        long soFar = months.stream().mapToLong(Disclosure.Cell::drawn).sum();
        Statistics.PublishedForecast f = Statistics.published(new Disclosure.Cell("total", soFar, null, null), asOf, null, null);
        String drawn = Charts.forecast("chart-forecast", "Forecast", "Expected total", MONTHS, months, f,
                new Charts.Legend("So far", "Median", "80 % interval", "95 % interval"));

        Document chart = svg(drawn);
        NodeList paths = chart.getElementsByTagName("path");
        double largest = 0;
        String fill = null;
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            String pathFill = path.getAttribute("fill");
            if (path.getAttribute("class").contains("band") && pathFill.startsWith("#")) {
                double area = area(path.getAttribute("d"));
                if (area > largest) {
                    largest = area;
                    fill = pathFill;
                }
            }
        }
        assertThat(largest).as("the largest forecast band's area in square units, as of %s", day).isGreaterThanOrEqualTo(150);
        assertThat(contrastOnWhite(fill)).as("contrast of the band %s on white", fill).isGreaterThanOrEqualTo(3);
        // The legend names what the bands are.
        assertThat(chart.getDocumentElement().getTextContent()).contains("80 % interval", "95 % interval", "Median");
    }

    @Test
    void aLabelTooLongForTwoLinesIsShortenedWithTheFullTextAsItsTitle() throws Exception {
        String full = "A label far longer than any country's name, which neither fits on one line nor on two of them, however it is wrapped (XX)";
        String drawn = Charts.bars("chart-x", "Chart", "Bars", List.of(new Charts.Bar(full, new Disclosure.Cell("XX", 12L, null, null)),
                new Charts.Bar("Short", new Disclosure.Cell("YY", 3L, null, null))));
        Element label = (Element) svg(drawn).getElementsByTagName("text").item(0);
        assertThat(label.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(full);
        NodeList lines = label.getElementsByTagName("tspan");
        assertThat(lines.getLength()).isEqualTo(2);
        assertThat(lines.item(1).getTextContent()).endsWith("…");
        for (int i = 0; i < lines.getLength(); i++) {
            assertThat(Svg.width(lines.item(i).getTextContent(), 13)).isLessThanOrEqualTo(230);
        }
        // The label column is as wide as the label, and starts inside the frame.
        assertThat(Double.parseDouble(label.getAttribute("x")) - Svg.width(lines.item(0).getTextContent(), 13)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void axisValuesAreRoundSteps() {
        assertThat(Svg.ticks(1)).containsExactly(0L, 1L);
        assertThat(Svg.ticks(7)).containsExactly(0L, 2L, 4L, 6L, 8L);
        assertThat(Svg.ticks(48)).containsExactly(0L, 10L, 20L, 30L, 40L, 50L);
        assertThat(Svg.ticks(1234)).containsExactly(0L, 500L, 1000L, 1500L);
    }
}

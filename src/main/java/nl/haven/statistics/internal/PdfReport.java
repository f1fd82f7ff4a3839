package nl.haven.statistics.internal;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import nl.haven.statistics.Disclosure;
import nl.haven.statistics.Statistics;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The dashboard as a PDF report (openhtmltopdf on PDFBox): the same published numbers as tables with bars drawn in
 * CSS, in the page's language, set in Liberation Sans (shipped inside PDFBox, with Cyrillic). Nothing is fetched.
 */
@Component
class PdfReport {
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private final MessageSource messages;

    PdfReport(MessageSource messages) {
        this.messages = messages;
        // openhtmltopdf logs every step at INFO through java.util.logging; Haven's logs carry actions, not layout timings.
        XRLog.setLoggingEnabled(false);
    }

    byte[] render(StatisticsPages.View v, Locale locale) {
        Statistics.Dashboard d = v.dashboard();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"").append(locale.getLanguage()).append("\"><head><meta charset=\"utf-8\"/><title>")
                .append(x(t("statistics.pdf.title", locale, d.year()))).append("</title><style>")
                .append("@page { size: A4; margin: 18mm; } body { font-family: 'Liberation Sans'; font-size: 10pt; color: #222; }")
                .append("h1 { font-size: 16pt; font-weight: normal; } h2 { font-size: 12pt; font-weight: normal; margin-top: 14pt; }")
                .append("table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 0.5pt solid #bbb; padding: 2pt 4pt; text-align: left; font-weight: normal; }")
                .append("td.n { text-align: right; width: 22%; } td.bar { width: 40%; } div.bar { background: #1b5e8c; height: 8pt; }")
                .append("div.bar.s { background: #9bb8cf; } p.note { color: #555; }")
                .append("</style></head><body>");
        html.append("<h1>").append(x(t("statistics.pdf.title", locale, d.year()))).append("</h1>");
        html.append("<p>").append(x(t("statistics.pdf.asOf", locale, d.asOf().toString()))).append("</p>");
        if (d.releasedText() != null) {
            html.append("<p>").append(x(t("statistics.releasedAt", locale, d.releasedText()))).append("</p>");
        }
        html.append("<p class=\"note\">").append(x(t("statistics.disclosure.note", locale, d.rules().k() - 1))).append("</p>");
        html.append("<h2>").append(x(t("statistics.forecast.title", locale, d.year()))).append("</h2>");
        html.append("<p>").append(x(t("statistics.chart.forecast", locale, d.forecast().median(), d.forecast().interval80().get(0),
                d.forecast().interval80().get(1), d.forecast().interval95().get(0), d.forecast().interval95().get(1)))).append("</p>");
        html.append("<h2>").append(x(t("statistics.months.title", locale, d.year()))).append("</h2><table><tr><th></th>");
        for (int y : v.comparedYears()) {
            html.append("<th>").append(y).append("</th>");
        }
        html.append("</tr>");
        for (StatisticsPages.MonthRow row : v.months()) {
            html.append("<tr><td>").append(x(row.label())).append("</td>");
            for (Disclosure.Cell c : row.cells()) {
                html.append("<td class=\"n\">").append(x(c.text())).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
        for (StatisticsPages.Section s : v.sections()) {
            html.append("<h2>").append(x(s.title())).append("</h2><table>");
            long max = Math.max(1, s.rows().stream().mapToLong(r -> r.cell().drawn()).max().orElse(1));
            for (StatisticsPages.Row r : s.rows()) {
                long width = Math.round(100.0 * r.cell().drawn() / max);
                html.append("<tr><td>").append(x(r.label())).append("</td><td class=\"n\">").append(x(r.cell().text()))
                        .append("</td><td class=\"bar\"><div class=\"bar").append(r.cell().exact() ? "" : " s").append("\" style=\"width: ")
                        .append(width).append("%\"></div></td></tr>");
            }
            html.append("<tr><td>").append(x(t("statistics.total", locale))).append("</td><td class=\"n\">").append(x(s.total().text()))
                    .append("</td><td></td></tr></table>");
        }
        html.append("<p class=\"note\">").append(x(t("statistics.pdf.footer", locale))).append("</p></body></html>");
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> PdfReport.class.getResourceAsStream(FONT), "Liberation Sans");
            builder.withHtmlContent(html.toString(), null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static String x(String text) {
        return Charts.xml(text);
    }
}

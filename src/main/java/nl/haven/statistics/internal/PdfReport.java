package nl.haven.statistics.internal;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.shared.OrgId;
import nl.haven.shared.PdfScripts;
import nl.haven.statistics.Disclosure;
import nl.haven.statistics.Statistics;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The dashboard as a PDF report (openhtmltopdf on PDFBox): the same published numbers as tables with bars drawn in
 * CSS, in the page's language, set in Liberation Sans (shipped inside PDFBox, with Cyrillic) and, for the Arabic script,
 * Noto Naskh Arabic, shaped and right to left ({@link PdfScripts}). Nothing is fetched.
 */
@Component
class PdfReport {
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private final MessageSource messages;
    private final OrganisationDirectory organisations;
    private final Clock clock;

    PdfReport(MessageSource messages, OrganisationDirectory organisations, Clock clock) {
        this.messages = messages;
        this.organisations = organisations;
        this.clock = clock;
        // openhtmltopdf logs every step at INFO through java.util.logging; Haven's logs carry actions, not layout timings.
        XRLog.setLoggingEnabled(false);
    }

    /**
     * The report; every page carries the organisation's name and the day it was made (Amsterdam) at its head and "n / N"
     * at its foot, so a page that comes loose still says whose it is, from when, and where it belongs.
     */
    byte[] render(StatisticsPages.View v, OrgId org, Locale locale) {
        Statistics.Dashboard d = v.dashboard();
        String organisation = organisations.byId(org).map(OrganisationDirectory.Organisation::name).orElse("");
        String made = LocalDate.now(clock.withZone(AMSTERDAM)).toString();
        StringBuilder html = new StringBuilder();
        String family = PdfScripts.family(locale, "Liberation Sans");
        boolean rtl = PdfScripts.rightToLeft(locale);
        html.append("<!DOCTYPE html><html lang=\"").append(locale.getLanguage()).append("\" dir=\"").append(PdfScripts.dir(locale)).append("\"><head><meta charset=\"utf-8\"/><title>")
                .append(x(t("statistics.pdf.title", locale, d.year()))).append("</title><style>")
                .append("@page { size: A4; margin: 22mm 18mm 20mm 18mm; @top-left { content: element(organisation); } ")
                .append("@top-right { content: element(made); } ")
                .append("@bottom-right { content: counter(page) \" / \" counter(pages); font-family: 'Liberation Sans'; font-size: 8pt; color: #555; } }")
                .append("#organisation { position: running(organisation); } #made { position: running(made); text-align: right; }")
                .append("#organisation, #made { font-size: 8pt; color: #555; }")
                .append("body { font-family: ").append(family).append("; font-size: 10pt; color: #222; }")
                .append("h1 { font-size: 16pt; font-weight: normal; } h2 { font-size: 12pt; font-weight: normal; margin-top: 14pt; }")
                .append("table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 0.5pt solid #bbb; padding: 2pt 4pt; text-align: left; font-weight: normal; }")
                .append("td.n { text-align: right; width: 22%; } td.bar { width: 40%; } div.bar { background: #1b5e8c; height: 8pt; }")
                .append("table.months { table-layout: fixed; } table.months th { font-weight: bold; } table.months .n { text-align: right; width: auto; }")
                .append("div.bar.s { background: #9bb8cf; } p.note { color: #555; }")
                // Right to left (#20): the start side is the right; numbers stay at the end side of their columns.
                .append(rtl ? "body { direction: rtl; } td, th { text-align: right; } td.n, table.months .n { text-align: left; } #made { text-align: left; }" : "")
                .append("</style></head><body>");
        html.append("<div id=\"organisation\">").append(x(organisation)).append("</div>");
        html.append("<div id=\"made\">").append(x(t("statistics.pdf.made", locale, made))).append("</div>");
        html.append("<h1>").append(x(t("statistics.pdf.title", locale, d.year()))).append("</h1>");
        html.append("<p>").append(x(t("statistics.pdf.asOf", locale, d.asOf().toString()))).append("</p>");
        if (d.releasedText() != null) {
            html.append("<p>").append(x(t("statistics.releasedAt", locale, d.releasedText()))).append("</p>");
        }
        html.append("<p class=\"note\">").append(x(t("statistics.disclosure.note", locale, d.rules().k() - 1))).append("</p>");
        html.append("<h2>").append(x(t("statistics.forecast.title", locale, d.year()))).append("</h2>");
        html.append("<p>").append(x(t("statistics.chart.forecast", locale, d.forecast().median(), d.forecast().interval80().get(0),
                d.forecast().interval80().get(1), d.forecast().interval95().get(0), d.forecast().interval95().get(1)))).append("</p>");
        // The monthly table: a heading for every column, each number column right-aligned under its right-aligned year.
        int years = v.comparedYears().size();
        String share = String.format(Locale.ROOT, "%.2f%%", 76.0 / years);
        html.append("<h2>").append(x(t("statistics.months.title", locale, d.year()))).append("</h2><table class=\"months\"><colgroup>")
                .append("<col style=\"width: 24%\"/>");
        for (int i = 0; i < years; i++) {
            html.append("<col style=\"width: ").append(share).append("\"/>");
        }
        html.append("</colgroup><thead><tr><th scope=\"col\">").append(x(t("statistics.dimension.month", locale))).append("</th>");
        for (int y : v.comparedYears()) {
            html.append("<th scope=\"col\" class=\"n\">").append(y).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (StatisticsPages.MonthRow row : v.months()) {
            html.append("<tr><td>").append(x(row.label())).append("</td>");
            for (Disclosure.Cell c : row.cells()) {
                html.append("<td class=\"n\">").append(x(c.text())).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
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
            PdfScripts.apply(builder, locale);
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

package nl.haven.statistics.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.StaffMember;
import nl.haven.policy.Countries;
import nl.haven.shared.BadInputException;
import nl.haven.statistics.Dimension;
import nl.haven.statistics.Disclosure;
import nl.haven.statistics.SafeCsv;
import nl.haven.statistics.Statistics;
import nl.haven.web.Labels;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The statistics dashboard for coordinators and analysts (server-rendered, charts as SVG, no JavaScript), its CSV
 * and PDF downloads ({@link WhatIfPages} has the what-if page). Every number comes from {@link Statistics} after disclosure control,
 * so the page, the CSV and the PDF publish exactly what the API publishes.
 */
@Controller
class StatisticsPages {
    private final Statistics statistics;
    private final CurrentStaff staff;
    private final MessageSource messages;
    private final PdfReport pdf;

    StatisticsPages(Statistics statistics, CurrentStaff staff, MessageSource messages, PdfReport pdf) {
        this.statistics = statistics;
        this.staff = staff;
        this.messages = messages;
        this.pdf = pdf;
    }

    /** A row of a breakdown: the label for people, the key, the published cell. */
    record Row(String label, String key, Disclosure.Cell cell) {
    }

    /** One breakdown on the page: its rows, total and chart. */
    record Section(String dimension, String title, List<Row> rows, Disclosure.Cell total, String svg) {
    }

    /** One month of this year and the years before, for the comparison table. */
    record MonthRow(String label, List<Disclosure.Cell> cells) {
    }

    /** Everything the dashboard template and the PDF show. */
    record View(Statistics.Dashboard dashboard, List<Section> sections, List<Integer> comparedYears, List<MonthRow> months, String monthsSvg,
            String forecastSvg, List<Integer> years) {
    }

    View view(StaffMember who, @Nullable Integer year, Locale locale) {
        Statistics.Dashboard d = statistics.dashboard(who, year);
        List<String> monthLabels = new ArrayList<>();
        for (Month m : Month.values()) {
            monthLabels.add(m.getDisplayName(TextStyle.SHORT, locale));
        }
        List<Section> sections = new ArrayList<>();
        for (Dimension dim : List.of(Dimension.NATIONALITY, Dimension.GROUP, Dimension.ROUTE, Dimension.STATUS, Dimension.STAGE)) {
            Disclosure.Table table = d.tables().get(dim);
            List<Row> rows = new ArrayList<>();
            List<Charts.Bar> bars = new ArrayList<>();
            for (Disclosure.Cell cell : table.cells()) {
                if (dim == Dimension.STAGE && cell.exact() && cell.count() == 0) {
                    continue; // fourteen stages: only those with requests
                }
                String label = label(dim, cell.key(), locale);
                rows.add(new Row(label, cell.key(), cell));
                bars.add(new Charts.Bar(label, cell));
            }
            String title = text("statistics.by." + dim.code(), locale, d.year());
            sections.add(new Section(dim.code(), title, rows, table.total(),
                    Charts.bars("chart-" + dim.code(), title, text("statistics.chart.bars", locale, title), bars)));
        }
        List<Integer> compared = new ArrayList<>(d.previousMonths().keySet());
        compared.add(d.year());
        List<List<Disclosure.Cell>> perYear = new ArrayList<>();
        for (int y : compared) {
            perYear.add(y == d.year() ? d.tables().get(Dimension.MONTH).cells() : d.previousMonths().get(y).cells());
        }
        List<MonthRow> months = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            List<Disclosure.Cell> cells = new ArrayList<>();
            for (List<Disclosure.Cell> yearCells : perYear) {
                cells.add(yearCells.get(m));
            }
            months.add(new MonthRow(monthLabels.get(m), cells));
        }
        int monthsSoFar = d.asOf().getYear() == d.year() ? d.asOf().getMonthValue() : 12;
        String monthsTitle = text("statistics.months.title", locale, d.year());
        String monthsSvg = Charts.months("chart-months", monthsTitle, text("statistics.chart.months", locale), monthLabels, compared, perYear,
                monthsSoFar);
        String forecastTitle = text("statistics.forecast.title", locale, d.year());
        String forecastSvg = Charts.forecast("chart-forecast", forecastTitle,
                text("statistics.chart.forecast", locale, d.forecast().median(), d.forecast().interval80().get(0), d.forecast().interval80().get(1),
                        d.forecast().interval95().get(0), d.forecast().interval95().get(1)),
                monthLabels, d.tables().get(Dimension.MONTH).cells(), d.forecast(),
                new Charts.Legend(text("statistics.legend.soFar", locale), text("statistics.legend.median", locale),
                        text("statistics.legend.interval80", locale), text("statistics.legend.interval95", locale)));
        return new View(d, sections, compared, months, monthsSvg, forecastSvg, statistics.years(6));
    }

    String label(Dimension dim, String key, Locale locale) {
        return switch (dim) {
            case NATIONALITY -> key.equals(Dimension.UNKNOWN_NATIONALITY) ? text("statistics.nationality.unknown", locale)
                    : Countries.name(key, locale.getLanguage()) + " (" + key + ")";
            case MONTH -> key;
            default -> text("statistics." + dim.code() + "." + key, locale);
        };
    }

    String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    @GetMapping("/statistics")
    String dashboard(@RequestParam(required = false) @Nullable String year, Model model, Locale locale, HttpServletResponse response) {
        StaffMember who = staff.require();
        Integer y;
        try {
            y = StatisticsApi.number("year", year);
            statistics.year(y);
        } catch (BadInputException e) {
            response.setStatus(400);
            model.addAttribute("badYear", year);
            y = null;
        }
        model.addAttribute("v", view(who, y, locale));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return "statistics/dashboard";
    }

    @GetMapping(path = "/statistics/export.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) @Nullable String year, Locale locale) {
        Statistics.Dashboard d = statistics.dashboard(staff.require(), StatisticsApi.number("year", year));
        // The header in the reader's language, and each key beside its label (issue #19, point 4); the codes stay in
        // their own columns for spreadsheets that filter on them.
        SafeCsv csv = new SafeCsv().row(Arrays.stream(CSV_COLUMNS).map(c -> text("statistics.csv." + c, locale)).toList());
        for (Map.Entry<Dimension, Disclosure.Table> e : d.tables().entrySet()) {
            for (Disclosure.Cell c : e.getValue().cells()) {
                csv.row(row(d.year(), e.getKey().code(), c, cellLabel(e.getKey(), c, locale)));
            }
            csv.row(row(d.year(), e.getKey().code(), e.getValue().total(), cellLabel(e.getKey(), e.getValue().total(), locale)));
        }
        d.previousMonths().forEach((y, table) -> {
            table.cells().forEach(c -> csv.row(row(y, "month", c, cellLabel(Dimension.MONTH, c, locale))));
            csv.row(row(y, "month", table.total(), cellLabel(Dimension.MONTH, table.total(), locale)));
        });
        Statistics.PublishedForecast f = d.forecast();
        // When these numbers were released: they change only at release points (issue #15, point 9).
        csv.row(d.year(), "release", "releasedAt", text("statistics.csv.releasedAt", locale),
                d.releasedAt() == null ? "" : Labels.MOMENT.format(d.releasedAt().atZone(Labels.DUTCH_TIME)), null, null, null);
        csv.row(d.year(), "forecast", "asOf", text("statistics.csv.asOf", locale), f.asOf(), null, null, null);
        csv.row(d.year(), "forecast", "median", text("statistics.csv.median", locale), f.median(), null, null, null);
        csv.row(d.year(), "forecast", "interval80", text("statistics.csv.interval80", locale), null, f.interval80().get(0), f.interval80().get(1), null);
        csv.row(d.year(), "forecast", "interval95", text("statistics.csv.interval95", locale), null, f.interval95().get(0), f.interval95().get(1), null);
        return download(csv.toString().getBytes(StandardCharsets.UTF_8), new MediaType("text", "csv", StandardCharsets.UTF_8),
                "haven-statistics-" + d.year() + ".csv");
    }

    static final String[] CSV_COLUMNS = { "year", "dimension", "key", "label", "count", "rangeLow", "rangeHigh", "suppressed" };

    String cellLabel(Dimension dim, Disclosure.Cell c, Locale locale) {
        return "total".equals(c.key()) ? text("statistics.csv.total", locale) : label(dim, c.key(), locale);
    }

    static List<Object> row(int year, String dimension, Disclosure.Cell c, String label) {
        List<Object> row = new ArrayList<>();
        row.add(year);
        row.add(dimension);
        row.add(c.key());
        row.add(label);
        row.add(c.count());
        row.add(c.range() == null ? null : c.range().get(0));
        row.add(c.range() == null ? null : c.range().get(1));
        row.add(c.exact() ? "" : "true");
        return row;
    }

    @GetMapping(path = "/statistics/report.pdf")
    ResponseEntity<byte[]> pdf(@RequestParam(required = false) @Nullable String year, Locale locale) {
        StaffMember who = staff.require();
        View v = view(who, StatisticsApi.number("year", year), locale);
        return download(pdf.render(v, who.org(), locale), MediaType.APPLICATION_PDF, "haven-statistics-" + v.dashboard().year() + ".pdf");
    }

    static ResponseEntity<byte[]> download(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString()).body(body);
    }
}

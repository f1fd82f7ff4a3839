package nl.haven.statistics.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.haven.identity.CurrentStaff;
import nl.haven.identity.StaffMember;
import nl.haven.policy.ChangeDraft;
import nl.haven.policy.ChangeFile;
import nl.haven.policy.Countries;
import nl.haven.policy.Country;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyChange;
import nl.haven.policy.PolicyDataException;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.ProvisionKind;
import nl.haven.policy.Region;
import nl.haven.policy.Text;
import nl.haven.shared.BadInputException;
import nl.haven.statistics.Statistics;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The what-if page: a change file pasted by an expert ({@code POST /statistics/what-if}), or the form that writes one
 * for a coordinator ({@code POST /statistics/what-if/form}, issue #19 point 9: country, region, groups, the new
 * standard, from which day). The form's file is shown as it was written and counted exactly like a pasted one, so
 * pasting it into the expert's box gives the same answer.
 */
@Controller
class WhatIfPages {
    static final String CHANGE_NAME = "change.yaml";
    static final List<Locale> SUMMARY_LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"), Locale.forLanguageTag("ru"));

    private final Statistics statistics;
    private final CurrentStaff staff;
    private final PolicyEngine engine;
    private final MessageSource messages;

    WhatIfPages(Statistics statistics, CurrentStaff staff, PolicyEngine engine, MessageSource messages) {
        this.statistics = statistics;
        this.staff = staff;
        this.engine = engine;
        this.messages = messages;
    }

    /** An option of a select or a checkbox: the value posted and its words. */
    record Option(String value, String label) {
    }

    /** A country's regions, for one group of the region select. */
    record RegionGroup(String country, List<Option> regions) {
    }

    @GetMapping("/statistics/what-if")
    String whatIfPage(Model model, Locale locale) {
        staff.require();
        model.addAttribute("change", "");
        form(model, WhatIfForm.empty(), Map.of(), locale);
        return "statistics/what-if";
    }

    @PostMapping("/statistics/what-if")
    String whatIf(@RequestParam(required = false) @Nullable String change, @RequestParam(required = false) @Nullable String date, Model model,
            Locale locale, HttpServletResponse response) {
        StaffMember who = staff.require();
        String text = change == null ? "" : change;
        model.addAttribute("change", text);
        model.addAttribute("date", date == null ? "" : date);
        form(model, WhatIfForm.empty(), Map.of(), locale);
        LocalDate on = null;
        if (date != null && !date.isBlank()) {
            on = WhatIfForm.date(date.strip());
            if (on == null) {
                response.setStatus(400);
                model.addAttribute("dateError", text("statistics.whatIf.form.error.from.bad", locale, text("statistics.whatIf.date.name", locale),
                        date.strip()));
                return page(response);
            }
        }
        run(who, text, on, model, response);
        return page(response);
    }

    @PostMapping("/statistics/what-if/form")
    String whatIfForm(@RequestParam(required = false) @Nullable String country, @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable List<String> groups, @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String from, Model model, Locale locale, HttpServletResponse response) {
        StaffMember who = staff.require();
        WhatIfForm posted = new WhatIfForm(orEmpty(country), orEmpty(region), groups == null ? List.of() : groups, orEmpty(kind), orEmpty(from));
        model.addAttribute("change", "");
        PolicyDataSet dataSet = engine.dataSet();
        WhatIfForm.Checked checked = posted.check(dataSet);
        Map<String, String> errors = new LinkedHashMap<>();
        for (WhatIfForm.Problem p : checked.problems()) {
            List<Object> args = new ArrayList<>();
            args.add(text("statistics.whatIf.form." + p.field(), locale));
            args.addAll(p.args());
            errors.merge(p.field(), text(p.key(), locale, args.toArray()), (a, b) -> a + " " + b);
        }
        form(model, posted, errors, locale);
        if (checked.choice() == null) {
            response.setStatus(400);
            return page(response);
        }
        String yaml = ChangeFile.write(dataSet, checked.choice().draft(summary(checked.choice())));
        model.addAttribute("generated", yaml);
        run(who, yaml, null, model, response);
        return page(response);
    }

    /** Applies the change file and counts, or shows the loader's {@code FILE:LINE} messages with status 400. */
    private void run(StaffMember who, String text, @Nullable LocalDate on, Model model, HttpServletResponse response) {
        try {
            PolicyChange applied = statistics.change(CHANGE_NAME, text);
            model.addAttribute("result", statistics.whatIf(who, applied, on));
        } catch (PolicyDataException e) {
            response.setStatus(400);
            model.addAttribute("errors", e.errors());
        } catch (BadInputException e) {
            response.setStatus(400);
            model.addAttribute("errors", List.of(e.getMessage()));
        }
    }

    private static String page(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return "statistics/what-if";
    }

    /** The form's choices in the reader's language, its values as posted and the message of every wrong field. */
    private void form(Model model, WhatIfForm values, Map<String, String> errors, Locale locale) {
        String language = locale.getLanguage();
        PolicyDataSet dataSet = engine.dataSet();
        List<Option> countries = new ArrayList<>();
        List<RegionGroup> regions = new ArrayList<>();
        for (Country c : dataSet.countries().values()) {
            String name = Countries.name(c.code(), language);
            countries.add(new Option(c.code(), name));
            if (!c.regions().isEmpty()) {
                List<Option> options = new ArrayList<>();
                for (Region r : c.regions()) {
                    options.add(new Option(r.code(), r.name().in(language)));
                }
                options.sort(Comparator.comparing(Option::label));
                regions.add(new RegionGroup(name, options));
            }
        }
        countries.sort(Comparator.comparing(Option::label));
        regions.sort(Comparator.comparing(RegionGroup::country));
        List<Option> groups = new ArrayList<>();
        for (Group g : Group.values()) {
            groups.add(new Option(g.code(), text("group." + g.code(), locale)));
        }
        List<Option> kinds = new ArrayList<>();
        for (ProvisionKind k : ChangeDraft.KINDS) {
            kinds.add(new Option(k.name(), kindLabel(k, locale)));
        }
        model.addAttribute("wiCountries", countries);
        model.addAttribute("wiRegions", regions);
        model.addAttribute("wiGroups", groups);
        model.addAttribute("wiKinds", kinds);
        model.addAttribute("wi", values);
        model.addAttribute("wiErrors", errors);
    }

    /** The kind in words: the evidentiary standard it sets. */
    private String kindLabel(ProvisionKind kind, Locale locale) {
        return kind.standard() == null ? text("kind." + kind.name(), locale) : text("standard." + kind.standard().name(), locale);
    }

    /** What the change says, in every language the data set writes: from the form's choices, in words. */
    private Text summary(WhatIfForm.Choice choice) {
        Map<String, String> byLanguage = new LinkedHashMap<>();
        for (Locale locale : SUMMARY_LANGUAGES) {
            String language = locale.getLanguage();
            List<String> groups = new ArrayList<>();
            for (Group g : Group.values()) {
                if (choice.groups().contains(g)) {
                    groups.add(text("group." + g.code(), locale));
                }
            }
            String place = Countries.name(choice.country().code(), language);
            if (choice.region() != null) {
                String region = choice.country().regions().stream().filter(r -> r.code().equals(choice.region())).map(r -> r.name().in(language))
                        .findFirst().orElse(choice.region());
                place = text("statistics.whatIf.form.summary.region", locale, place, region);
            }
            byLanguage.put(language, text("statistics.whatIf.form.summary", locale, choice.from().toString(), String.join(", ", groups), place,
                    kindLabel(choice.kind(), locale)));
        }
        return new Text(byLanguage);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}

package nl.haven.cases.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.internal.CaseInput;
import nl.haven.cases.internal.CaseView;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyEngine;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The case page's forms, with their text as typed so that a wrong value can be named ({@code toString} never shows
 * content), and the checks that name the field of a bad value before the services see it.
 */
@Component
class CaseForms {
    private final PolicyEngine engine;
    private final PageSupport support;

    CaseForms(PolicyEngine engine, PageSupport support) {
        this.engine = engine;
        this.support = support;
    }

    record TransitionForm(@Nullable String to, @Nullable String date, @Nullable String track, @Nullable String priority) {
        static TransitionForm empty() {
            return new TransitionForm("", "", "", "");
        }
    }

    record AssignmentForm(@Nullable String assignee) {
    }

    record DetailsForm(@Nullable String nameUsed, @Nullable String pronouns, @Nullable String legalName, @Nullable List<String> groups,
            @Nullable List<String> facts, @Nullable Boolean documentGenderMismatch, @Nullable String nationality,
            @Nullable String countryOfResidence, @Nullable String contactChannel, @Nullable String contactValue, @Nullable String contactTimes,
            @Nullable String contactWhatMayBeSaid) {

        static DetailsForm of(CaseView view) {
            CaseDetails d = view.details();
            CaseDetails.SafeContact c = d.safeContact();
            return new DetailsForm(d.nameUsed(), d.pronouns(), d.legalName(), d.groups(), d.facts(), d.documentGenderMismatch(),
                    view.nationality(), view.countryOfResidence(), c == null ? "" : c.channel(), c == null ? "" : c.value(),
                    c == null ? "" : c.times(), c == null ? "" : c.whatMayBeSaid());
        }

        public boolean hasGroup(String code) {
            return groups != null && groups.contains(code);
        }

        public boolean hasFact(String code) {
            return facts != null && facts.contains(code);
        }

        @Override
        public String toString() {
            return "DetailsForm";
        }
    }

    record TextForm(@Nullable String body) {
        @Override
        public String toString() {
            return "TextForm";
        }
    }

    record TaskForm(@Nullable String title, @Nullable String dueOn, @Nullable String assignee) {
        @Override
        public String toString() {
            return "TaskForm[" + dueOn + "]";
        }
    }

    record IdentifierForm(@Nullable String kind, @Nullable String value) {
        @Override
        public String toString() {
            return "IdentifierForm[" + kind + "]";
        }
    }

    record ReferralForm(@Nullable String toOrg, @Nullable Boolean consent, @Nullable Boolean includeNotes) {
    }

    PageSupport.@Nullable Problem checkText(String field, @Nullable String text, int max, Locale locale) {
        if (text == null || text.isBlank()) {
            return support.problem(field, locale, "cases.error.empty");
        }
        if (text.length() > max) {
            return support.problem(field, locale, "cases.error.tooLong", text.length(), max);
        }
        return null;
    }

    PageSupport.@Nullable Problem checkDetails(DetailsForm form, Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("details-nameUsed", form.nameUsed());
        names.put("details-pronouns", form.pronouns());
        names.put("details-legalName", form.legalName());
        names.put("details-contactValue", form.contactValue());
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (e.getValue() != null && e.getValue().strip().length() > CaseInput.MAX_NAME) {
                return support.problem(e.getKey(), locale, "cases.error.tooLong", e.getValue().strip().length(), CaseInput.MAX_NAME);
            }
        }
        for (String[] f : new String[][] { { "details-contactTimes", form.contactTimes() },
                { "details-contactWhatMayBeSaid", form.contactWhatMayBeSaid() } }) {
            if (f[1] != null && f[1].strip().length() > CasePages.MAX_CONTACT_TEXT) {
                return support.problem(f[0], locale, "cases.error.tooLong", f[1].strip().length(), CasePages.MAX_CONTACT_TEXT);
            }
        }
        // The same bounds as the service's (issue #15, point 14), shown at their field: only a crafted form exceeds them.
        if (form.groups() != null && form.groups().size() > CaseInput.GROUP_CODES.size()) {
            return support.problem("details-groups", locale, "cases.error.tooMany", form.groups().size(), CaseInput.GROUP_CODES.size());
        }
        if (form.facts() != null && form.facts().size() > CaseInput.MAX_FACTS) {
            return support.problem("details-facts", locale, "cases.error.tooMany", form.facts().size(), CaseInput.MAX_FACTS);
        }
        for (String group : form.groups() == null ? List.<String>of() : form.groups()) {
            if (!codes().contains(group)) {
                return support.problem("details-groups", locale, "cases.error.choice", group);
            }
        }
        for (String fact : form.facts() == null ? List.<String>of() : form.facts()) {
            if (!engine.dataSet().facts().containsKey(fact)) {
                return support.problem("details-facts", locale, "cases.error.choice", fact);
            }
        }
        String channel = PageSupport.blankToNull(form.contactChannel());
        if (channel != null && !CasePages.CHANNELS.contains(channel)) {
            return support.problem("details-contactChannel", locale, "cases.error.choice", channel);
        }
        if (channel == null && (PageSupport.blankToNull(form.contactValue()) != null || PageSupport.blankToNull(form.contactTimes()) != null
                || PageSupport.blankToNull(form.contactWhatMayBeSaid()) != null)) {
            return support.problem("details-contactChannel", locale, "cases.error.contactChannel");
        }
        return null;
    }

    private static List<String> codes() {
        return Arrays.stream(Group.values()).map(Group::code).toList();
    }
}

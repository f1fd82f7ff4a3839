package nl.haven.policy.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import nl.haven.policy.ChangeEntry;
import nl.haven.policy.Countries;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyDataSet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The headline of a change-log entry in en, nl or ru from the message bundles ("From 12 June 2026 Egypt is on the EU list of
 * safe countries of origin"), for the change-log page and the Atom feed alike.
 */
@Component
class ChangeWording {
    private final MessageSource messages;

    ChangeWording(MessageSource messages) {
        this.messages = messages;
    }

    String title(ChangeEntry entry, PolicyDataSet dataSet, Locale locale) {
        String day = day(entry.effective(), locale);
        String countries = countries(entry.countries(), dataSet, locale);
        String list = entry.level() == null ? "" : message("changes.list." + entry.level(), locale);
        return switch (entry.type()) {
            case LISTED -> entry.exceptionFor().isEmpty() ? message("changes.entry.LISTED", locale, day, countries, list)
                    : message("changes.entry.LISTED.except", locale, day, countries, list, groups(entry.exceptionFor()));
            case DELISTED -> message("changes.entry.DELISTED", locale, day, countries, list);
            case STARTS, ENDS -> message("changes.entry." + entry.type(), locale, day, countries,
                    message("kind." + entry.provisionKind(), locale), groups(entry.groups()));
            case STATEMENT_STARTS -> message("changes.statement." + entry.statementKind(), locale, day, list, countries);
            case STATEMENT_ENDS -> message("changes.statement.end." + entry.statementKind(), locale, day, list, countries);
            case VERSION_CHANGE -> message("changes.entry.VERSION_CHANGE", locale, entry.version(), entry.subject(),
                    message("changes.change." + entry.change(), locale), entry.countries().isEmpty() ? "—" : countries);
        };
    }

    String day(LocalDate date, Locale locale) {
        return DateTimeFormatter.ofPattern("d MMMM yyyy", locale).format(date);
    }

    String countries(List<String> codes, PolicyDataSet dataSet, Locale locale) {
        if (codes.isEmpty()) {
            return message("changes.everyCountry", locale);
        }
        String language = PolicyChangesPages.language(locale);
        return codes.stream().map(code -> dataSet.countries().containsKey(code) ? dataSet.countries().get(code).name().in(language)
                : Countries.name(code, language)).collect(Collectors.joining(", "));
    }

    private static String groups(Set<Group> groups) {
        if (groups.size() == Group.values().length) {
            return Group.ALL;
        }
        return groups.stream().sorted().map(Group::code).collect(Collectors.joining(", "));
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}

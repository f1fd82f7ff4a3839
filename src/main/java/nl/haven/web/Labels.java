package nl.haven.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one way to put a code into words (issue #19, point 4): a stage, handling, evidentiary standard, route, outcome,
 * group, role, timeline event … becomes its label in the reader's language. In templates {@code ${@labels.of(x)}}
 * for an enum constant, {@code ${@labels.key('group.', code)}} for a code that is a string ({@code group.gay});
 * in Java {@link #of(Object, Locale)}. Which key an enum's constant has is published by the modules
 * ({@link LabelKeys}); {@code LabelsTests} checks that every constant of every labelled enum has its label in every
 * bundle. A code without a label is shown as it is (never an error page) — the test is what keeps that from happening.
 */
@Component("labels")
public class Labels {
    public static final ZoneId DUTCH_TIME = ZoneId.of("Europe/Amsterdam");
    public static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final MessageSource messages;
    private final Map<Class<?>, Function<Enum<?>, String>> keys = new HashMap<>();

    public Labels(MessageSource messages, List<LabelKeys> modules) {
        this.messages = messages;
        modules.forEach(m -> keys.putAll(m.keys()));
    }

    /** The label of an enum constant in the current request's language; other values as they are; null as "". */
    public String of(@Nullable Object code) {
        return of(code, LocaleContextHolder.getLocale());
    }

    public String of(@Nullable Object code, Locale locale) {
        if (code == null) {
            return "";
        }
        if (code instanceof Enum<?> constant) {
            Function<Enum<?>, String> key = keys.get(constant.getDeclaringClass());
            if (key != null) {
                return messages.getMessage(key.apply(constant), null, constant.name(), locale);
            }
        }
        return code.toString();
    }

    /** The label with the key {@code prefix + code}, e.g. {@code key("group.", "gay")}; the code itself when there is none. */
    public String key(String prefix, @Nullable Object code) {
        return key(prefix, code, LocaleContextHolder.getLocale());
    }

    public String key(String prefix, @Nullable Object code, Locale locale) {
        if (code == null) {
            return "";
        }
        return messages.getMessage(prefix + code, null, code.toString(), locale);
    }

    /** A moment as people read it: minutes, no seconds or nanoseconds, in Europe/Amsterdam ({@code 2026-03-02 10:00}). */
    public String moment(@Nullable Instant at) {
        return at == null ? "" : MOMENT.format(at.atZone(DUTCH_TIME));
    }

    /** Whether this enum type has labels (for the bundle test and callers that label generically). */
    public boolean labels(Class<?> type) {
        return keys.containsKey(type);
    }
}

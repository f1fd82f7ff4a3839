package nl.haven.policy.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import nl.haven.shared.Languages;

/** The closed vocabularies of the data set format (POLICY-DATA.md). */
final class PolicyVocabulary {
    static final int SCHEMA_VERSION = 1;
    /** The languages a data-set text may be written in (the registry's data-text languages). */
    static final List<String> LANGUAGES = Languages.dataTexts();
    static final Set<String> SOURCE_TYPES = Set.of("kamerstuk", "kamervragen", "werkinstructie", "vc", "wbv", "judgment",
            "government-page", "news", "ngo", "law-firm", "law");
    static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    static final Pattern REGION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");

    private PolicyVocabulary() {
    }

    static String sourceTypes() {
        return String.join(", ", new TreeSet<>(SOURCE_TYPES));
    }
}

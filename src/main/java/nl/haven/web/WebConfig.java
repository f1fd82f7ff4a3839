package nl.haven.web;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import nl.haven.shared.Language;
import nl.haven.shared.Languages;

/** The shared web frame: languages and the locale rule. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    /** Every public text exists in these languages (the registry; a test checks the bundles). */
    static final List<Locale> LANGUAGES = Languages.all().stream().map(Language::locale).toList();

    @Bean
    LocaleResolver localeResolver() {
        return new ParameterLocaleResolver(LANGUAGES, Languages.staff().stream().map(Language::locale).toList());
    }
}

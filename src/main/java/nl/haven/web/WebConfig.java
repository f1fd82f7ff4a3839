package nl.haven.web;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** The shared web frame: languages and the locale rule. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    /** Every UI text exists in these languages (a test checks the bundles). */
    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"), Locale.forLanguageTag("ru"));

    @Bean
    LocaleResolver localeResolver() {
        return new ParameterLocaleResolver(LANGUAGES);
    }
}

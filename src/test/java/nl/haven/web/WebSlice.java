package nl.haven.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The web module's frame for a {@code @WebMvcTest} slice of another module's controllers: a slice picks up the web
 * module's filters and advice by itself ({@link RequestLimitFilter}, {@link SecurityHeadersFilter},
 * {@link ApiProblemHandler}, {@link LayoutModel}) but not their settings nor the locale rule, which live in
 * configuration classes the slice leaves out. {@code @Import(WebSlice.class)} adds them, so that a slice answers as the
 * application does: the body limits of {@code haven.web.*} and {@code ?lang=} choosing the language.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSettings.class)
@Import(WebConfig.class)
public class WebSlice {

    /**
     * No account can log in, as in the application (whose accounts are the identity module's). Without a
     * {@code UserDetailsService} Boot would make a user with a generated password and log it; a slice's caller is
     * anonymous or a {@code @WithMockUser}.
     */
    @Bean
    UserDetailsService noAccounts() {
        return username -> {
            throw new UsernameNotFoundException("no accounts in a web slice");
        };
    }
}

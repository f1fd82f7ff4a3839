package nl.haven.identity;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl the address people reach Haven at, used in printed links; unset = http://localhost:PORT
 * @param setupLinkValidity how long the first-start set-up link works
 * @param demo load the fictional demo organisations and users on start
 */
@ConfigurationProperties("haven.identity")
public record IdentitySettings(@Nullable String publicUrl, @DefaultValue("PT1H") Duration setupLinkValidity,
        @DefaultValue("false") boolean demo) {
}

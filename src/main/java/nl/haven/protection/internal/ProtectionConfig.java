package nl.haven.protection.internal;

import nl.haven.protection.ProtectionSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The key ring is read (or created) once, at start-up; a key file others can read stops start-up. */
@Configuration(proxyBeanMethods = false)
class ProtectionConfig {

    @Bean
    KeyRing keyRing(ProtectionSettings settings) {
        return new KeyRing(settings);
    }
}

package nl.haven.protection;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param masterKeyFile the master key ({@code HAVEN_MASTER_KEY_FILE}); created on first start, owner-only
 * @param keysDir where the other key files live (audit chain and signing keys), beside the master key
 */
@ConfigurationProperties("haven.protection")
public record ProtectionSettings(Path masterKeyFile, Path keysDir) {
}

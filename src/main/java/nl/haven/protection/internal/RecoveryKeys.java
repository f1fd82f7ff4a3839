package nl.haven.protection.internal;

import java.util.Locale;
import java.util.Optional;
import org.apache.commons.codec.binary.Base32;

/**
 * How a recovery key is written for people (ADR 0006 C.7): its 32 random bytes in Base32 (RFC 4648: A–Z and 2–7, no
 * letters that look like digits), 52 characters in thirteen groups of four joined by '-'. Read back case-insensitively,
 * with any spaces and dashes, as people copy it from paper.
 */
final class RecoveryKeys {
    private static final Base32 BASE32 = new Base32();

    private RecoveryKeys() {
    }

    static String write(byte[] secret) {
        String letters = BASE32.encodeToString(secret).replace("=", "");
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < letters.length(); i += 4) {
            if (i > 0) {
                grouped.append('-');
            }
            grouped.append(letters, i, Math.min(i + 4, letters.length()));
        }
        return grouped.toString();
    }

    /** The key's bytes, or empty when the text is not a recovery key's shape (wrong letters or length). */
    static Optional<byte[]> read(String text) {
        String letters = text == null ? "" : text.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (!letters.matches("[A-Z2-7]{52}")) {
            return Optional.empty();
        }
        byte[] secret = BASE32.decode(letters);
        return secret.length == PrincipalKeys.RECOVERY_KEY_BYTES ? Optional.of(secret) : Optional.empty();
    }
}

package nl.haven.protection;

/**
 * A protected value that cannot be decrypted or a key that cannot be used. The message names ids and
 * the operation only, never plaintext or key material.
 */
public class ProtectionException extends RuntimeException {
    public ProtectionException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProtectionException(String message) {
        super(message);
    }
}

package nl.haven.protection;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The secret a requester holds for their case's thread (ADR 0006 C.6): their codename in its normal form. It opens
 * the case's thread key, and nothing else of the case. It never prints itself, and it is never stored: only what it
 * wraps is.
 */
public final class ThreadSecret {
    private final byte[] bytes;

    private ThreadSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** From a codename in its normal form (as the follow-up looks it up). */
    public static ThreadSecret ofCodename(String normalised) {
        if (normalised.isBlank()) {
            throw new IllegalArgumentException("a thread secret cannot be empty");
        }
        return new ThreadSecret(("codename:" + normalised).getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the secret's bytes, for the protection module's key derivation. */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "ThreadSecret[hidden]";
    }
}

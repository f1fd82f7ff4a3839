package nl.haven.protection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import nl.haven.protection.internal.KeyManagement;
import org.springframework.stereotype.Service;

/**
 * What keeps a copy of the database from being a staff log-in (issue #15).
 *
 * <p>A staff session's cookie carries a random secret; the database holds only {@link #storedId} of it, an HMAC-SHA256
 * under the staff sessions key, a key file wrapped by the master key like the codename keys, in the keys directory every
 * node shares. Whoever reads the session table (a backup, a stolen disk, a replica) learns no cookie; a node finds the
 * row by computing the same HMAC from the cookie.
 *
 * <p>The same key, under another label, authenticates short-lived values a browser carries for Haven (the passkey log-in
 * options): {@link #seal} and {@link #open}.
 */
@Service
public class StaffSessionSecrets {
    /** 32 random bytes, Base64url without padding: 43 characters. */
    static final int SECRET_BYTES = 32;
    /** 27 bytes of the HMAC (216 bits) are 36 characters in Base64url: the width of Spring Session's session_id column. */
    static final int STORED_ID_BYTES = 27;
    static final int TAG_BYTES = 32;

    private final KeyManagement keys;
    private final SecureRandom random = new SecureRandom();

    StaffSessionSecrets(KeyManagement keys) {
        this.keys = keys;
    }

    /** A new session secret, for the cookie only. */
    public String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The id under which the session of this cookie secret is stored: 36 characters, the secret cannot be derived from it. */
    public String storedId(String secret) {
        byte[] mac = keys.staffSessionsMac(("session-id:" + secret).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, STORED_ID_BYTES));
    }

    /** The value followed by its tag under the given label (one label per use, so a tag of one use is worth nothing in another). */
    public byte[] seal(String label, byte[] value) {
        byte[] tag = tag(label, value);
        byte[] sealed = Arrays.copyOf(value, value.length + TAG_BYTES);
        System.arraycopy(tag, 0, sealed, value.length, TAG_BYTES);
        return sealed;
    }

    /** The value of {@link #seal}ed bytes under the same label, or null when they were not sealed so (compared in constant time). */
    public byte @org.jspecify.annotations.Nullable [] open(String label, byte[] sealed) {
        if (sealed.length < TAG_BYTES) {
            return null;
        }
        byte[] value = Arrays.copyOf(sealed, sealed.length - TAG_BYTES);
        byte[] tag = Arrays.copyOfRange(sealed, sealed.length - TAG_BYTES, sealed.length);
        return MessageDigest.isEqual(tag, tag(label, value)) ? value : null;
    }

    private byte[] tag(String label, byte[] value) {
        byte[] prefix = ("seal:" + label + ":").getBytes(StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOf(prefix, prefix.length + value.length);
        System.arraycopy(value, 0, data, prefix.length, value.length);
        return keys.staffSessionsMac(data);
    }

    @Override
    public String toString() {
        return "StaffSessionSecrets";
    }
}

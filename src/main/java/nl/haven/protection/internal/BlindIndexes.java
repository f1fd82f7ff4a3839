package nl.haven.protection.internal;

import com.google.crypto.tink.KeysetHandle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The keys of an organisation's blind indexes (exact-match search on identifiers: a V-number, a phone number, an e-mail
 * address) as parts of its key bundle (ADR 0006 step 9), so that a copy of the server, master key included, cannot test
 * guesses against {@code case_identifier.blind}.
 *
 * <p>An index that had a key of its own before this version keeps it (the part {@code blind:<index>}): the blind values
 * already stored stay valid. Every other index, now and later, takes its values from one root key (the part
 * {@value #ROOT}): HMAC-SHA256 under the root over the index's name and the value, each length-prefixed, so that no two
 * indexes share a value and no index needs a key of its own — a bundle sealed to its holders never has to grow for a new
 * index. Until the cut-over (step 11) the master key keeps a copy of each ({@code blind_index_key}, the root under the
 * reserved name {@value #ROOT_ROW}), from which the server makes the bundle it grants; no new per-index key is made.
 */
final class BlindIndexes {
    static final String ROOT = "blind-root";
    static final String PART = "blind:";
    /** The root's row in {@code blind_index_key}: no index name can take it ({@link #checkName}). */
    static final String ROOT_ROW = "*root";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,47}");

    private BlindIndexes() {
    }

    static String checkName(String index) {
        if (!NAME.matcher(index).matches()) {
            throw new IllegalArgumentException("a blind index's name is 1 to 48 of A-Z, a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        return index;
    }

    private static byte[] ad(UUID org, String row) {
        return KeyManagement.ad("blind:" + org + "|" + row);
    }

    /**
     * The organisation's blind-index keys as the master key opens them (the legacy opener's copies, until the cut-over):
     * every per-index key made before this version, and the root, made on first use.
     */
    static Map<String, KeysetHandle> legacyParts(KeyRing ring, KeyStore store, UUID org) throws GeneralSecurityException {
        Map<String, byte[]> rows = store.blindIndexKeys(org);
        if (!rows.containsKey(ROOT_ROW)) {
            store.insertBlindIndexKey(org, ROOT_ROW, Tink.wrap(Tink.newHmacKeyset(), ring.master(), ad(org, ROOT_ROW)));
            rows = store.blindIndexKeys(org); // another node's root, if it was first
        }
        Map<String, KeysetHandle> parts = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> row : rows.entrySet()) {
            KeysetHandle key = Tink.unwrap(row.getValue(), ring.master(), ad(org, row.getKey()));
            parts.put(ROOT_ROW.equals(row.getKey()) ? ROOT : PART + row.getKey(), key);
        }
        return parts;
    }

    /** The blind value of {@code normalised} in the index, from the bundle's keys; null when the bundle has none. */
    static byte @Nullable [] compute(KeyBundle bundle, String index, byte[] normalised) throws GeneralSecurityException {
        if (bundle.names().contains(PART + index)) {
            return Tink.mac(bundle.part(PART + index)).computeMac(normalised);
        }
        if (bundle.names().contains(ROOT)) {
            return Tink.mac(bundle.part(ROOT)).computeMac(underRoot(index, normalised));
        }
        return null;
    }

    /** What the root's HMAC is computed over: the index's name and the value, each with its length first. */
    private static byte[] underRoot(String index, byte[] normalised) {
        byte[] name = index.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + name.length + normalised.length);
        writeLength(out, name.length);
        out.writeBytes(name);
        writeLength(out, normalised.length);
        out.writeBytes(normalised);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
    }
}

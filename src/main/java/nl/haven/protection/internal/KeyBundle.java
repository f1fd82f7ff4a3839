package nl.haven.protection.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An organisation's keys as one value (docs/adr/0006-sealed-at-rest.md, C.1; issue #23 step 1): its HPKE private
 * keyset, the keyset that wraps case keys once a key holder has opened them, the blind-index keysets — each a Tink
 * keyset under a name. It is sealed once per key holder ({@link #sealTo}) and, while that holder is logged in, kept in
 * the session encrypted under a key from the cookie's secret ({@link #wrap}). It never prints its keys.
 *
 * <p>Stored form (inside a seal or a wrap only, never in the clear): a version byte, the number of parts, then per part
 * its name (UTF-8, length-prefixed) and its keyset in Tink's binary format (length-prefixed). Names are unique.
 */
final class KeyBundle {
    static final byte FORMAT = 1;
    static final int MAX_PARTS = 64;
    static final int MAX_PART_BYTES = 1 << 20;

    private final Map<String, KeysetHandle> parts;

    KeyBundle(Map<String, KeysetHandle> parts) {
        if (parts.isEmpty() || parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a key bundle has 1 to " + MAX_PARTS + " parts, not " + parts.size());
        }
        for (String name : parts.keySet()) {
            if (name.isBlank() || name.length() > 200) {
                throw new IllegalArgumentException("a key bundle part's name has 1 to 200 characters");
            }
        }
        this.parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    Set<String> names() {
        return parts.keySet();
    }

    /** The same bundle with one part replaced (or added). */
    KeyBundle with(String name, KeysetHandle part) {
        Map<String, KeysetHandle> changed = new LinkedHashMap<>(parts);
        changed.put(name, part);
        return new KeyBundle(changed);
    }

    KeysetHandle part(String name) throws GeneralSecurityException {
        KeysetHandle part = parts.get(name);
        if (part == null) {
            throw new GeneralSecurityException("the key bundle has no part '" + name + "' (it has " + parts.keySet() + ")");
        }
        return part;
    }

    /** Sealed to a principal's public keyset: what an {@code org_grant} row would hold. */
    byte[] sealTo(byte[] publicKeyset, byte[] binding) throws GeneralSecurityException {
        byte[] clear = toBytes();
        try {
            return SealedKeys.seal(publicKeyset, clear, binding);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    static KeyBundle openWith(KeysetHandle keyPair, byte[] sealed, byte[] binding) throws GeneralSecurityException {
        byte[] clear = SealedKeys.open(keyPair, sealed, binding);
        try {
            return fromBytes(clear);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** Encrypted under a symmetric key (the session's, derived from the cookie secret). */
    byte[] wrap(Aead key, byte[] associatedData) throws GeneralSecurityException {
        byte[] clear = toBytes();
        try {
            return key.encrypt(clear, associatedData);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    static KeyBundle unwrap(byte[] wrapped, Aead key, byte[] associatedData) throws GeneralSecurityException {
        byte[] clear = key.decrypt(wrapped, associatedData);
        try {
            return fromBytes(clear);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    byte[] toBytes() throws GeneralSecurityException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT);
            out.writeInt(parts.size());
            for (Map.Entry<String, KeysetHandle> part : parts.entrySet()) {
                byte[] name = part.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
                byte[] keyset = TinkProtoKeysetFormat.serializeKeyset(part.getValue(), InsecureSecretKeyAccess.get());
                out.writeInt(keyset.length);
                out.write(keyset);
                Arrays.fill(keyset, (byte) 0);
            }
        } catch (IOException e) {
            throw new GeneralSecurityException("the key bundle cannot be written", e);
        }
        return buffer.toByteArray();
    }

    static KeyBundle fromBytes(byte[] bytes) throws GeneralSecurityException {
        Tink.registered();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new GeneralSecurityException("key bundle format " + format + ", expected " + FORMAT);
            }
            int count = in.readInt();
            if (count < 1 || count > MAX_PARTS) {
                throw new GeneralSecurityException("a key bundle with " + count + " parts, expected 1 to " + MAX_PARTS);
            }
            Map<String, KeysetHandle> parts = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = new String(read(in, 200 * 4), StandardCharsets.UTF_8);
                byte[] keyset = read(in, MAX_PART_BYTES);
                try {
                    if (parts.put(name, TinkProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get())) != null) {
                        throw new GeneralSecurityException("the key bundle names part '" + name + "' twice");
                    }
                } finally {
                    Arrays.fill(keyset, (byte) 0);
                }
            }
            if (in.read() != -1) {
                throw new GeneralSecurityException("the key bundle has bytes after its last part");
            }
            try {
                return new KeyBundle(parts);
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException("the key bundle is malformed: " + e.getMessage());
            }
        } catch (IOException e) {
            throw new GeneralSecurityException("the key bundle is cut short", e);
        }
    }

    private static byte[] read(DataInputStream in, int max) throws IOException, GeneralSecurityException {
        int length = in.readInt();
        if (length < 0 || length > max) {
            throw new GeneralSecurityException("a key bundle part of " + length + " bytes, expected 0 to " + max);
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }

    @Override
    public String toString() {
        return "KeyBundle" + parts.keySet();
    }
}

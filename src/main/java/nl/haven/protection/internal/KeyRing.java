package nl.haven.protection.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.haven.protection.ProtectionSettings;

/**
 * The keys kept outside the database: the master key (clear, owner-only file; it wraps everything
 * else) and the audit log's chain and signing keys (wrapped by the master key). Created on first start.
 */
public final class KeyRing {
    private static final byte[] AUDIT_MAC_AD = "haven:audit-mac".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AUDIT_SIGN_AD = "haven:audit-signing".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CODENAME_LOOKUP_AD = "haven:codename-lookup".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CODENAME_PEPPER_AD = "haven:codename-pepper".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STAFF_SESSIONS_AD = "haven:staff-sessions".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STAFF_TOTP_AD = "haven:staff-totp".getBytes(StandardCharsets.UTF_8);

    private final Aead master;
    private final Mac auditMac;
    private final PublicKeySign auditSign;
    private final PublicKeyVerify auditVerify;
    private final Mac codenameLookup;
    private final Mac codenamePepper;
    private final Mac staffSessions;
    private final Aead staffTotp;
    private final Map<String, Check> checks;

    public KeyRing(ProtectionSettings settings) {
        try {
            this.master = Tink.aead(loadOrCreateMaster(settings.masterKeyFile()));
            Path macFile = settings.keysDir().resolve("audit-mac.json");
            Path signFile = settings.keysDir().resolve("audit-signing.json");
            KeysetHandle mac = loadOrCreateWrapped(macFile, AUDIT_MAC_AD, Tink::newHmacKeyset);
            KeysetHandle sign = loadOrCreateWrapped(signFile, AUDIT_SIGN_AD,
                    () -> KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519WithRawOutput));
            this.auditMac = Tink.mac(mac);
            this.auditSign = sign.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
            this.auditVerify = sign.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
            // Two separate keys for the requester's codename (SECURITY.md S7), as SecureDrop keeps two different peppers:
            // one finds the codename's row, the other peppers its Argon2id hash.
            this.codenameLookup = Tink.mac(loadOrCreateWrapped(settings.keysDir().resolve("codename-lookup.json"), CODENAME_LOOKUP_AD,
                    Tink::newHmacKeyset));
            this.codenamePepper = Tink.mac(loadOrCreateWrapped(settings.keysDir().resolve("codename-pepper.json"), CODENAME_PEPPER_AD,
                    Tink::newHmacKeyset));
            // Staff sessions (issue #15): the database holds only an HMAC of a session's secret under this key.
            this.staffSessions = Tink.mac(loadOrCreateWrapped(settings.keysDir().resolve("staff-sessions.json"), STAFF_SESSIONS_AD,
                    Tink::newHmacKeyset));
            // Staff members' TOTP secrets (issue #23, ADR 0006 step 3): a server key of their own, no longer an
            // organisation's keyset, which sealed at rest will take off the server.
            this.staffTotp = Tink.aead(loadOrCreateWrapped(settings.keysDir().resolve("staff-totp.json"), STAFF_TOTP_AD,
                    Tink::newAeadKeyset));
            this.checks = checks();
            Path publicFile = settings.keysDir().resolve("audit-signing.public.json");
            if (!Files.exists(publicFile)) {
                // The public half, for anyone who wants to check checkpoints without Haven's secrets.
                KeyFiles.write(publicFile, TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(
                        sign.getPublicKeysetHandle()));
            }
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(settings.masterKeyFile(), "or a key it wraps cannot be used: " + e.getClass().getSimpleName()
                    + " (wrong master key for these key files?)");
        } catch (IOException e) {
            throw new UncheckedIOException("key files under " + settings.keysDir() + " cannot be read or written", e);
        }
    }

    private static KeysetHandle loadOrCreateMaster(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return Tink.fromCleartextJson(KeyFiles.read(file));
        }
        KeysetHandle handle = Tink.newAeadKeyset();
        KeyFiles.write(file, Tink.cleartextJson(handle));
        return handle;
    }

    private interface Generator {
        KeysetHandle generate() throws GeneralSecurityException;
    }

    private KeysetHandle loadOrCreateWrapped(Path file, byte[] ad, Generator generator) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return Tink.unwrapJson(KeyFiles.read(file), master, ad);
        }
        KeysetHandle handle = generator.generate();
        KeyFiles.write(file, Tink.wrapJson(handle, master, ad));
        return handle;
    }

    Aead master() {
        return master;
    }

    byte[] auditMac(byte[] data) throws GeneralSecurityException {
        return auditMac.computeMac(data);
    }

    byte[] auditSign(byte[] data) throws GeneralSecurityException {
        return auditSign.sign(data);
    }

    byte[] codenameLookup(byte[] data) throws GeneralSecurityException {
        return codenameLookup.computeMac(data);
    }

    byte[] codenamePepper(byte[] data) throws GeneralSecurityException {
        return codenamePepper.computeMac(data);
    }

    /** Makes and verifies a key's check value for {@link KeyCheck}: a value this key gives and another key does not. */
    private interface Check {
        byte[] make(byte[] label) throws GeneralSecurityException;

        /** Throws unless {@code stored} is what {@link #make} gives for {@code label} with this key. */
        void verify(byte[] stored, byte[] label) throws GeneralSecurityException;
    }

    private static Check of(Mac mac) {
        return new Check() {
            @Override
            public byte[] make(byte[] label) throws GeneralSecurityException {
                return mac.computeMac(label);
            }

            @Override
            public void verify(byte[] stored, byte[] label) throws GeneralSecurityException {
                mac.verifyMac(stored, label);
            }
        };
    }

    /** The key files {@link KeyCheck} compares with the database's record at every start, each with its check. */
    private Map<String, Check> checks() {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("audit-mac.json", of(auditMac));
        checks.put("audit-signing.json", new Check() {
            @Override
            public byte[] make(byte[] label) throws GeneralSecurityException {
                return auditSign.sign(label);
            }

            @Override
            public void verify(byte[] stored, byte[] label) throws GeneralSecurityException {
                auditVerify.verify(stored, label);
            }
        });
        checks.put("codename-lookup.json", of(codenameLookup));
        checks.put("codename-pepper.json", of(codenamePepper));
        checks.put("staff-sessions.json", of(staffSessions));
        checks.put("staff-totp.json", new Check() {
            @Override
            public byte[] make(byte[] label) throws GeneralSecurityException {
                return staffTotp.encrypt(label, label);
            }

            @Override
            public void verify(byte[] stored, byte[] label) throws GeneralSecurityException {
                if (!Arrays.equals(staffTotp.decrypt(stored, label), label)) {
                    throw new GeneralSecurityException("another label");
                }
            }
        });
        return checks;
    }

    private static byte[] checkLabel(String file) {
        return ("haven:key-check|" + file).getBytes(StandardCharsets.UTF_8);
    }

    /** The key files whose keys {@link KeyCheck} compares with the database's record. */
    List<String> checkedFiles() {
        return List.copyOf(checks.keySet());
    }

    /** A value that this key file's key gives and another key does not, revealing nothing of the key. */
    byte[] checkValue(String file) throws GeneralSecurityException {
        return check(file).make(checkLabel(file));
    }

    /** Whether {@code stored} is the check value of this key file's key. */
    boolean matches(String file, byte[] stored) {
        try {
            check(file).verify(stored, checkLabel(file));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private Check check(String file) {
        Check check = checks.get(file);
        if (check == null) {
            throw new IllegalArgumentException("no key check for " + file);
        }
        return check;
    }

    Aead staffTotp() {
        return staffTotp;
    }

    byte[] staffSessions(byte[] data) throws GeneralSecurityException {
        return staffSessions.computeMac(data);
    }

    boolean auditVerify(byte[] data, byte[] signature) {
        try {
            auditVerify.verify(signature, data);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}

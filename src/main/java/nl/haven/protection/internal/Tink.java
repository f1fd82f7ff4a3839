package nl.haven.protection.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.security.GeneralSecurityException;

/** Google Tink, registered once: the key types and parameters Haven uses. */
final class Tink {
    static {
        try {
            AeadConfig.register();
            StreamingAeadConfig.register();
            MacConfig.register();
            SignatureConfig.register();
            HybridConfig.register(); // the key pairs of "sealed at rest" (issue #23, SealedKeys)
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not be initialised", e);
        }
    }

    private Tink() {
    }

    /** Makes sure the registrations above have run (calling any static method of this class does). */
    static void registered() {
        // the static initialiser is the work
    }

    static KeysetHandle newAeadKeyset() throws GeneralSecurityException {
        return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    }

    static KeysetHandle newStreamingKeyset() throws GeneralSecurityException {
        return KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_4KB);
    }

    /** HMAC-SHA256, 32-byte tag, no Tink prefix: the plain HMAC of the data. */
    static KeysetHandle newHmacKeyset() throws GeneralSecurityException {
        return KeysetHandle.generateNew(HmacParameters.builder().setKeySizeBytes(32).setTagSizeBytes(32)
                .setHashType(HmacParameters.HashType.SHA256).setVariant(HmacParameters.Variant.NO_PREFIX).build());
    }

    static Aead aead(KeysetHandle handle) throws GeneralSecurityException {
        return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static StreamingAead streaming(KeysetHandle handle) throws GeneralSecurityException {
        return handle.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
    }

    static Mac mac(KeysetHandle handle) throws GeneralSecurityException {
        return handle.getPrimitive(RegistryConfiguration.get(), Mac.class);
    }

    static byte[] wrap(KeysetHandle handle, Aead kek, byte[] associatedData) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, kek, associatedData);
    }

    static KeysetHandle unwrap(byte[] wrapped, Aead kek, byte[] associatedData) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, kek, associatedData);
    }

    static String wrapJson(KeysetHandle handle, Aead kek, byte[] associatedData) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, kek, associatedData);
    }

    static KeysetHandle unwrapJson(String wrapped, Aead kek, byte[] associatedData) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(wrapped, kek, associatedData);
    }

    /** The master key is the one keyset stored in clear (in an owner-only file; a KMS in production). */
    static String cleartextJson(KeysetHandle handle) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    }

    static KeysetHandle fromCleartextJson(String json) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    }
}

package nl.haven.shared;

/**
 * The keys that seal the audit log, kept outside the database. Implemented by the {@code protection}
 * module (the only module that touches keys and ciphers); used by the {@code audit} module.
 */
public interface AuditKeys {

    /** HMAC-SHA256 of the data under the audit chain key: 32 bytes. */
    byte[] mac(byte[] data);

    /** A signature of a checkpoint under the audit signing key. */
    byte[] sign(byte[] data);

    /** Whether the signature is one the audit signing key made for this data. */
    boolean verify(byte[] data, byte[] signature);
}

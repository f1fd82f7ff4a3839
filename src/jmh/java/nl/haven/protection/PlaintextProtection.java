package nl.haven.protection;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import nl.haven.protection.internal.KeyManagement;
import nl.haven.shared.CaseId;
import nl.haven.shared.OrgId;

/**
 * Benchmarks only ({@code src/jmh}, never on the application's class path): {@link Protection} with the cryptography
 * taken out — values and documents pass through unchanged, no case keys are made, a blind index is the normalised value
 * itself. It measures what a write costs <em>without</em> encryption, on the same code path otherwise. Registered by
 * {@link nl.haven.bench.Ablation}, never by component scanning.
 */
public class PlaintextProtection extends Protection {
    public PlaintextProtection(KeyManagement keys) {
        super(keys);
    }

    @Override
    public void newCase(OrgId org, CaseId caseId) {
    }

    @Override
    public byte[] encrypt(FieldRef field, byte[] plaintext) {
        return plaintext.clone();
    }

    @Override
    public byte[] decrypt(FieldRef field, byte[] ciphertext) {
        return ciphertext.clone();
    }

    @Override
    public OutputStream encryptingStream(FieldRef field, OutputStream sink) {
        return new FilterOutputStream(sink) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }
        };
    }

    @Override
    public InputStream decryptingStream(FieldRef field, InputStream source) {
        return source;
    }

    @Override
    public byte[] blindIndex(OrgId org, String index, String value) {
        return value.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] sealForOrganisation(OrgId org, String purpose, byte[] secret) {
        return secret.clone();
    }

    @Override
    public byte[] openForOrganisation(OrgId org, String purpose, byte[] sealed) {
        return sealed.clone();
    }
}

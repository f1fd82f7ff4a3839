package nl.haven.protection;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import nl.haven.protection.internal.KeyManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * What protects a person who asks for help without an account (SECURITY.md S5, S7).
 *
 * <p><b>Codenames.</b> A codename is never stored. Its row is found through a keyed lookup index (HMAC-SHA256 under a
 * key file of its own, wrapped by the master key), and the row holds only Argon2id(HMAC(pepper, codename)) with a
 * random salt, the pepper being a second key file: a copy of the database without the key files reveals nothing, and
 * even with them a codename has to be guessed (at least 90 bits).
 *
 * <p>The Argon2id cost is small on purpose: 1 MiB, one pass (about 0.7 ms here). Its work factor would slow only an
 * attacker who guesses codenames offline, and such an attacker needs the pepper, which is wrapped by the master key as
 * the lookup key is: whoever has one has both, and the lookup index already tests a guess with one HMAC. What stops
 * guessing is the codename's 90 bits (2^89 guesses on average), not the hash's cost. Until 2026-11 the cost was 4 MiB
 * (about 3 ms quiet, 5 ms under load): on a 2-core machine that was most of an intake's CPU time (benchmarks/RESULTS.md,
 * "Intake throughput"). Hashes keep their parameters (PHC string), so codenames issued before still match.
 *
 * <p><b>Buckets.</b> Rate limits are counted per visitor without knowing the visitor: {@link #bucket} is an HMAC of the
 * client address under a key made when this process started, held only in memory, never written anywhere; a restart
 * forgets every bucket.
 */
@Service
public class RequesterSecrets {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 1024;
    static final int ITERATIONS = 1;

    private final KeyManagement keys;
    private final Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    /** A hash of a random value no codename has: a miss verifies against it, so a miss costs what a hit costs. */
    private final String decoy;

    RequesterSecrets(KeyManagement keys) {
        this.keys = keys;
        this.decoy = argon2.encode(peppered("decoy " + UUID.randomUUID()));
    }

    /** The keyed lookup index of a (normalised) codename: 32 bytes. */
    public byte[] codenameIndex(String codename) {
        return keys.codenameLookup(("codename:" + codename).getBytes(StandardCharsets.UTF_8));
    }

    /** The Argon2id hash of the peppered codename, in the PHC string format ({@code $argon2id$v=19$m=…}). */
    public String hashCodename(String codename) {
        return argon2.encode(peppered(codename));
    }

    /**
     * Whether the codename matches the stored hash. Without a stored hash (no row was found) it is checked against a
     * decoy hash and is false, so that a wrong codename takes as long as a right one.
     */
    public boolean codenameMatches(String codename, @Nullable String storedHash) {
        boolean matches = argon2.matches(peppered(codename), storedHash == null ? decoy : storedHash);
        return storedHash != null && matches;
    }

    /**
     * The rate-limit bucket of a client address: HMAC-SHA256 under an in-memory key that is never stored. An IPv6
     * address counts by its /64 ({@link #visitor}).
     */
    public byte[] bucket(String clientAddress) {
        return keys.ephemeralMac(("bucket:" + visitor(clientAddress)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The part of a client address that stands for one visitor: an IPv4 address as it is, an IPv6 address by its /64
     * network, because one subscriber is usually given a whole /64 and may use any of its 2^64 addresses (RFC 6177);
     * an IPv4-mapped IPv6 address as its IPv4 address. Text that is no address is returned as it is.
     */
    static String visitor(String clientAddress) {
        if (clientAddress.indexOf(':') < 0) {
            return clientAddress;
        }
        try {
            // Text with a ':' is parsed as an IPv6 literal only (InetAddress never looks it up in the DNS).
            InetAddress address = InetAddress.getByName(clientAddress);
            if (address instanceof Inet6Address) {
                return "ipv6/64:" + HexFormat.of().formatHex(address.getAddress(), 0, 8);
            }
            return address.getHostAddress();
        } catch (UnknownHostException notAnAddress) {
            return clientAddress;
        }
    }

    private String peppered(String codename) {
        return Base64.getEncoder().encodeToString(keys.codenamePepper(codename.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "RequesterSecrets";
    }
}

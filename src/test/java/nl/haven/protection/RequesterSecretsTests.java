package nl.haven.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.haven.protection.internal.KeyManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** The codename's stored form (SECURITY.md S7): Argon2id of the peppered codename, at the cost the class documents. */
class RequesterSecretsTests {
    private static final String CODENAME = "anchor-bramble-cobalt-dune-ember-fjord-garnet";
    private final KeyManagement keys = mock(KeyManagement.class);
    private RequesterSecrets secrets;

    @BeforeEach
    void setUp() {
        when(keys.codenamePepper(any())).thenAnswer(call -> pepper(call.getArgument(0)));
        secrets = new RequesterSecrets(keys);
    }

    @Test
    void aCodenameIsStoredAsArgon2idOfItsPepperedFormAtOneMebibyteAndOnePass() {
        String hash = secrets.hashCodename(CODENAME);

        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").doesNotContain(CODENAME);
        assertThat(secrets.hashCodename(CODENAME)).as("a random salt each time").isNotEqualTo(hash);
        assertThat(secrets.codenameMatches(CODENAME, hash)).isTrue();
        assertThat(secrets.codenameMatches(CODENAME.replace("dune", "dusk"), hash)).isFalse();
    }

    @Test
    void withoutAStoredHashNoCodenameMatches() {
        assertThat(secrets.codenameMatches(CODENAME, null)).isFalse();
    }

    @Test
    void aCodenameIssuedWhenTheCostWasFourMebibytesStillMatches() {
        String peppered = Base64.getEncoder().encodeToString(pepper(CODENAME.getBytes(StandardCharsets.UTF_8)));
        String earlier = new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(peppered);
        assertThat(earlier).startsWith("$argon2id$v=19$m=4096,t=1,p=1$");

        assertThat(secrets.codenameMatches(CODENAME, earlier)).isTrue();
        assertThat(secrets.codenameMatches(CODENAME.replace("dune", "dusk"), earlier)).isFalse();
    }

    @Test
    void theHashNeedsThePepper() {
        String hash = secrets.hashCodename(CODENAME);
        String unpeppered = Base64.getEncoder().encodeToString(CODENAME.getBytes(StandardCharsets.UTF_8));

        assertThat(new Argon2PasswordEncoder(16, 32, 1, 1024, 1).matches(CODENAME, hash)).isFalse();
        assertThat(new Argon2PasswordEncoder(16, 32, 1, 1024, 1).matches(unpeppered, hash)).isFalse();
    }

    private static byte[] pepper(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("test pepper, 32 bytes long......".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issue #15, point 11: an IPv6 visitor is bucketed by the /64 it can pick addresses from; IPv4 by its address. */
    @Test
    void aVisitorIsAnIpv4AddressOrTheSlash64OfAnIpv6Address() {
        assertThat(RequesterSecrets.visitor("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(RequesterSecrets.visitor("2001:db8:aa:1::1")).isEqualTo("ipv6/64:20010db800aa0001")
                .isEqualTo(RequesterSecrets.visitor("2001:0db8:00aa:0001:ffff:ffff:ffff:fffe"));
        assertThat(RequesterSecrets.visitor("2001:db8:aa:2::1")).isEqualTo("ipv6/64:20010db800aa0002");
        assertThat(RequesterSecrets.visitor("::ffff:203.0.113.9")).as("IPv4-mapped").isEqualTo("203.0.113.9");
        assertThat(RequesterSecrets.visitor("0:0:0:0:0:0:0:1")).isEqualTo("ipv6/64:0000000000000000");
        assertThat(RequesterSecrets.visitor("not:an:address:at:all")).isEqualTo("not:an:address:at:all");
    }
}

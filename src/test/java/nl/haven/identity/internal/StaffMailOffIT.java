package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.identity.StaffNotices;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Without {@code spring.mail.host} Haven starts, takes requests and posts notices as before and sends nothing, even with
 * every other mail property (here the port of a listening SMTP server) set.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StaffMailOffIT {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    StaffNotices notices;

    @Test
    void withoutAMailHostNothingIsSentAndNothingFails() throws Exception {
        assertThat(context.getBeanProvider(JavaMailSender.class).getIfAvailable()).isNull();
        StaffFixture staff = StaffFixture.create(identity, "nomail");
        int status = mvc.perform(post("/api/v1/intake/" + staff.slug()).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).content("{\"language\": \"en\", \"message\": \"Help, please.\"}")
                .with(r -> {
                    r.setRemoteAddr("192.0.2." + (1 + (int) (Math.random() * 200)));
                    return r;
                })).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(201);
        assertThat(notices.post(staff.org(), "policy:off-" + UUID.randomUUID(), Role.COORDINATOR, StaffNotices.POLICY_CHANGED, null, 1, 1))
                .isTrue();
        Thread.sleep(1_500);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}

package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import nl.haven.identity.IdentityManagement;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A mail server that cannot be reached: the request is still taken (201, the case is there), the requester sees nothing
 * of it, and the log says which kind of notification failed without any of the request's content or a recipient.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class StaffMailFailureIT {
    static final String MESSAGE = "Vbn-secret: nobody may know about Zyx Testperson";

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> closed);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anUnreachableMailServerNeitherUndoesNorShowsAnything(CapturedOutput output) throws Exception {
        StaffFixture staff = StaffFixture.create(identity, "mailfail");
        MvcResult created = mvc.perform(post("/api/v1/intake/" + staff.slug()).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .content("{\"language\": \"en\", \"nameUsed\": \"Zyx Testperson\", \"message\": \"" + MESSAGE + "\"}")
                .with(r -> {
                    r.setRemoteAddr("192.0.2." + (1 + (int) (Math.random() * 200)));
                    return r;
                })).andReturn();
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        String answer = created.getResponse().getContentAsString();
        assertThat(answer).doesNotContainIgnoringCase("mail");
        assertThat(jdbc.sql("select count(*) from case_file where org_id = ?").param(staff.org().value()).query(Long.class).single())
                .isEqualTo(1);
        long until = System.currentTimeMillis() + 20_000;
        while (!output.getAll().contains("A NEW_REQUESTS notification could not be sent") && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertThat(output.getAll()).contains("A NEW_REQUESTS notification could not be sent").doesNotContain("Zyx").doesNotContain("Vbn-secret");
        assertThat(output.getAll().lines().filter(line -> line.contains("notification could not be sent")))
                .allSatisfy(line -> assertThat(line).doesNotContain("@").doesNotContain(staff.slug()));
    }
}

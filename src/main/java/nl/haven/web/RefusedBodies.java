package nl.haven.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rest of a body that {@link RequestLimitFilter} refused (413) is not read. Tomcat otherwise reads and discards it
 * after the answer, up to {@code server.tomcat.max-swallow-size} (100 MB, kept so that a browser whose upload is too
 * large still gets the intake's page): a client that goes on sending a refused chunked body would have the server copy
 * up to 100 MB per request, CPU that the staff side needs (issue 15, point 1; benchmarks/RESULTS.md, "Resilience").
 * After the filter's answer has been sent, Tomcat's own action for an aborted upload ends the exchange: no more of the
 * body is read and the connection is closed.
 *
 * <p>Only the filter's refusals of JSON, form and other streamed bodies: a multipart upload above its limit keeps the
 * container's behaviour, since the browsers that send one read the answer only once they have sent everything.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnClass(ValveBase.class)
class RefusedBodies {
    /** Set by {@link RequestLimitFilter#refuse} on a request whose body it will not read any further. */
    static final String UNREAD = RefusedBodies.class.getName() + ".unread";

    @Bean
    TomcatContextCustomizer refusedBodiesAreNotSwallowed() {
        return context -> context.getPipeline().addValve(new Valve());
    }

    static final class Valve extends ValveBase {
        Valve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            getNext().invoke(request, response);
            if (request.getAttribute(UNREAD) != null) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}

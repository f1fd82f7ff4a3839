package nl.haven.web;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.tomcat.util.net.SocketEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The security headers of SECURITY.md S6 also on the responses that Tomcat writes itself (issue 15, point 15): an
 * address it cannot decode ({@code GET /%}), a request line or header it refuses (400), a method it refuses (TRACE,
 * 405). Those never reach a servlet filter, so {@link SecurityHeadersFilter} cannot set them.
 *
 * <p>Tomcat has no setting for response headers and its error report valve is not called for errors found while
 * the request line is parsed; the one place every response passes is the connector's adapter. It is wrapped after the
 * connector has created it: the headers are put on the response before Tomcat processes the request (the application's
 * filter later sets the same names again), and on a request that Tomcat refused while parsing, when it reports it for
 * the access log, before the response is written.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnClass(Connector.class)
class ContainerHeaders {

    @Bean
    TomcatConnectorCustomizer securityHeadersOnContainerResponses() {
        return connector -> connector.addLifecycleListener(event -> {
            if (Lifecycle.AFTER_INIT_EVENT.equals(event.getType())) {
                Adapter adapter = connector.getProtocolHandler().getAdapter();
                if (adapter != null && !(adapter instanceof WithHeaders)) {
                    connector.getProtocolHandler().setAdapter(new WithHeaders(adapter));
                }
            }
        });
    }

    /** The container's adapter, putting the headers on each response that is not yet committed. */
    record WithHeaders(Adapter adapter) implements Adapter {

        static void headers(Request request, Response response) {
            if (response.isCommitted() || response.getMimeHeaders().getHeader("X-Content-Type-Options") != null) {
                return;
            }
            String uri = request.requestURI().isNull() ? "" : request.requestURI().toString();
            // Only the path decides the policy; an address Tomcat cannot read gets the strict default of any error.
            String path = uri.startsWith("/") && !uri.contains("%") ? uri : "/error";
            SecurityHeadersFilter.apply(path, response::setHeader);
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            headers(request, response);
            adapter.service(request, response);
        }

        @Override
        public boolean prepare(Request request, Response response) throws Exception {
            return adapter.prepare(request, response);
        }

        @Override
        public boolean asyncDispatch(Request request, Response response, SocketEvent status) throws Exception {
            return adapter.asyncDispatch(request, response, status);
        }

        @Override
        public void log(Request request, Response response, long time) {
            // A request refused while its line or headers were parsed is reported here before its 400 is written.
            headers(request, response);
            adapter.log(request, response, time);
        }

        @Override
        public void checkRecycled(Request request, Response response) {
            adapter.checkRecycled(request, response);
        }

        @Override
        public String getDomain() {
            return adapter.getDomain();
        }
    }
}

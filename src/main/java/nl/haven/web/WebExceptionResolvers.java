package nl.haven.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * What no controller's own handler answers becomes Haven's error page or problem document with the right 4xx, never
 * a 500 and never an ERROR log line (issue 15, points 1 and 22).
 */
@Configuration(proxyBeanMethods = false)
class WebExceptionResolvers {
    /** The request attribute naming the bad field for the problem document. */
    static final String FIELD = WebExceptionResolvers.class.getName() + ".field";

    /**
     * A body past its limit ({@link RequestLimitFilter}) surfaces as whatever the reading code makes of an I/O error
     * (Spring's "message not readable" 400, a multipart error): first of all resolvers, it is 413.
     */
    @Bean
    HandlerExceptionResolver bodyTooLargeResolver() {
        return new Resolver(Ordered.HIGHEST_PRECEDENCE + 1) {
            @Override
            public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, @Nullable Object handler,
                    Exception ex) {
                RequestLimitFilter.BodyTooLargeException tooLarge = RequestLimitFilter.tooLargeCause(ex);
                if (tooLarge == null || response.isCommitted()) {
                    return null;
                }
                RequestLimitFilter.readNoFurther(request, response);
                return error(request, response, HttpStatus.CONTENT_TOO_LARGE, "body", RequestLimitFilter.tooLarge(tooLarge.limit));
            }
        };
    }

    /**
     * Bad input that a page controller did not answer itself (e.g. a year that is no number on the statistics CSV):
     * 400 after every other resolver has declined. Its message names the field and value and was written for the
     * person who sent it; it goes into the response, never into a log.
     */
    @Bean
    HandlerExceptionResolver badInputResolver() {
        return new Resolver(Ordered.LOWEST_PRECEDENCE) {
            @Override
            public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, @Nullable Object handler,
                    Exception ex) {
                if (!(ex instanceof BadInputException bad) || response.isCommitted()) {
                    return null;
                }
                return error(request, response, HttpStatus.BAD_REQUEST, bad.field(), bad.getMessage());
            }
        };
    }

    private abstract static class Resolver implements HandlerExceptionResolver, Ordered {
        private final int order;

        Resolver(int order) {
            this.order = order;
        }

        @Override
        public int getOrder() {
            return order;
        }

        static ModelAndView error(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String field, String detail) {
            request.setAttribute(FIELD, field);
            request.setAttribute(RequestLimitFilter.DETAIL, detail);
            try {
                response.sendError(status.value());
            } catch (IOException connectionGone) {
                // the client went away: nothing left to answer
            }
            return new ModelAndView();
        }
    }
}

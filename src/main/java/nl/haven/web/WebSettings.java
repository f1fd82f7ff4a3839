package nl.haven.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The request body limits of {@link RequestLimitFilter}, counted on the bytes read (issue 15, point 1).
 *
 * @param maxJsonBody a JSON body, on every endpoint (the intake API, route advice, the staff APIs): {@code
 *     haven.web.max-json-body}, default 256 KB, independent of the upload limits
 * @param maxFormBody a browser form ({@code application/x-www-form-urlencoded}, e.g. the what-if YAML): {@code
 *     haven.web.max-form-body}, default 1 MB; the container enforces it as {@code server.tomcat.max-http-form-post-size}
 * @param maxOtherBody any other body that is not multipart (text, YAML, no type): {@code haven.web.max-other-body},
 *     default 256 KB
 */
@ConfigurationProperties("haven.web")
record WebSettings(@DefaultValue("256KB") DataSize maxJsonBody, @DefaultValue("1MB") DataSize maxFormBody,
        @DefaultValue("256KB") DataSize maxOtherBody) {
    WebSettings {
        for (DataSize size : new DataSize[] { maxJsonBody, maxFormBody, maxOtherBody }) {
            if (size.toBytes() < 1 || size.toBytes() > DataSize.ofMegabytes(64).toBytes()) {
                throw new IllegalArgumentException("a haven.web.max-*-body limit is " + size + "; expected 1B to 64MB, e.g. 256KB");
            }
        }
    }
}

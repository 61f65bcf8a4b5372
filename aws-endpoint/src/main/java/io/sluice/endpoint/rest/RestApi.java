package io.sluice.endpoint.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller of the REST API ({@value #PREFIX}): its errors are JSON problem details with the
 * AWS error name ({@link RestProblems}), its bodies the AWS JSON shapes ({@link RestBodies}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface RestApi {
    /** Where the REST API's paths start; the gateway routes them by path. */
    String PREFIX = "/v1";
}

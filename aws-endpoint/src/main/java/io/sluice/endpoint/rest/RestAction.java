package io.sluice.endpoint.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The IAM action a REST handler performs, and the resource it acts on — authorized as the AWS
 * operation of that action would be ({@link RestAuthorization}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RestAction {
    /**
     * The resource is the one the request body names, as in the AWS request of the same shape (a
     * create's name): authorized when {@link RestBodies} reads the body.
     */
    String IN_BODY = "(named in the body)";

    /** The action, e.g. {@code kinesis:PutRecords}. */
    String value();

    /**
     * The resource as {@code <service>:<type>/{pathVariable}} (e.g. {@code kinesis:stream/{name}}),
     * made an ARN in the caller's account and region; {@link #IN_BODY} for the one the body names;
     * empty for none ({@code "*"}).
     */
    String resource() default "";
}

package io.sluice.endpoint.rest;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.protocol.AwsHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The REST API's errors as RFC 9457 problem details: {@code title} is the AWS error name the AWS
 * API answers the same request with ({@code ResourceNotFoundException}), {@code detail} its
 * message, {@code status} the HTTP status a resource API uses for it (404, 409, 429…), and
 * {@code requestId} the request's id. Only for the REST API's paths, including those no controller
 * serves (404, 405): errors elsewhere are left to whoever handles them.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
public class RestProblems {
    private static final Logger log = LoggerFactory.getLogger(RestProblems.class);

    @ExceptionHandler(AwsException.class)
    ResponseEntity<ProblemDetail> aws(AwsException e, HttpServletRequest request, HttpServletResponse response) throws AwsException {
        rest(request, e);
        return problem(statusOf(e.code()), e.code().wireName(), e.getMessage(), response);
    }

    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<ProblemDetail> unreadable(UncheckedIOException e, HttpServletRequest request, HttpServletResponse response) {
        rest(request, e);
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.SERIALIZATION.wireName(), "The request body could not be read.", response);
    }

    /**
     * What Spring refuses before a controller runs (a missing or malformed parameter, a method the
     * path does not take), and what nobody expected.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> other(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        rest(request, e);
        if (e instanceof ErrorResponse error) {
            HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
            String name = status == HttpStatus.NOT_FOUND || status == HttpStatus.METHOD_NOT_ALLOWED
                    ? ErrorCode.UNKNOWN_OPERATION.wireName() : ErrorCode.VALIDATION.wireName();
            return problem(status, name, error.getBody().getDetail() != null ? error.getBody().getDetail() : e.getMessage(), response);
        }
        if (e instanceof TypeMismatchException mismatch) {
            return problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION.wireName(),
                    "Value '" + mismatch.getValue() + "' of " + mismatch.getPropertyName() + " is not a " + mismatch.getRequiredType(), response);
        }
        log.error("A REST request failed unexpectedly", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_FAILURE.wireName(), "Internal service failure.", response);
    }

    /** Rethrown, an exception of another path goes on to the handlers that would have had it. */
    private static <E extends Exception> void rest(HttpServletRequest request, E e) throws E {
        if (!request.getRequestURI().startsWith(RestApi.PREFIX + "/")
                || e instanceof org.springframework.web.context.request.async.AsyncRequestTimeoutException
                || e instanceof org.springframework.web.context.request.async.AsyncRequestNotUsableException) {
            throw e;
        }
    }

    /** The status of an AWS error in a resource API. */
    static HttpStatus statusOf(ErrorCode code) {
        return switch (code.wireName()) {
            case "ResourceNotFoundException", "EntityNotFoundException" -> HttpStatus.NOT_FOUND;
            case "ResourceInUseException", "ConcurrentModificationException", "AlreadyExistsException" -> HttpStatus.CONFLICT;
            case "LimitExceededException", "ProvisionedThroughputExceededException", "ThrottlingException" -> HttpStatus.TOO_MANY_REQUESTS;
            case "ServiceUnavailableException", "ServiceUnavailable" -> HttpStatus.SERVICE_UNAVAILABLE;
            case "AccessDeniedException" -> HttpStatus.FORBIDDEN;
            case "ExpiredIteratorException", "ExpiredNextTokenException" -> HttpStatus.GONE;
            default -> HttpStatus.valueOf(code.httpStatus());
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String name, String detail, HttpServletResponse response) {
        if (response.isCommitted()) {
            return null; // an event stream already under way: nothing more can be said
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(name);
        problem.setProperty("requestId", response.getHeader(AwsHeaders.REQUEST_ID));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

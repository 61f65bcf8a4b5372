package io.sluice.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Invokes a transformation function over HTTP with Firehose's record contract: a POST of
 * {@code {invocationId, deliveryStreamArn, region, records: [{recordId, approximateArrivalTimestamp,
 * data}]}} to the function's URL, answered with {@code {records: [{recordId, result, data,
 * metadata}]}}. The URL of a function is configured by its name or ARN, or made from a template
 * holding {@code {function}} — Lambda's own Invoke path
 * ({@code /2015-03-31/functions/{function}/invocations}) is what {@code sam local start-lambda} and
 * the Lambda runtime interface emulator serve.
 */
public class LambdaInvoker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, URI> endpoints;
    private final String urlTemplate;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param endpoints function URLs by function name or ARN
     * @param urlTemplate the URL of any other function, {@code {function}} replaced by its name; null for none
     * @param timeout how long one invocation may take
     */
    public LambdaInvoker(Map<String, URI> endpoints, String urlTemplate, Duration timeout) {
        this.endpoints = Map.copyOf(endpoints);
        this.urlTemplate = urlTemplate;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The URL a function is invoked at, empty when none is configured. */
    public Optional<URI> urlOf(String lambdaArn) {
        String name = functionName(lambdaArn);
        URI url = endpoints.containsKey(lambdaArn) ? endpoints.get(lambdaArn) : endpoints.get(name);
        if (url != null) {
            return Optional.of(url);
        }
        return urlTemplate == null || urlTemplate.isBlank() ? Optional.empty() : Optional.of(URI.create(urlTemplate.replace("{function}", name)));
    }

    /** The function name of {@code arn:aws:lambda:region:account:function:name[:qualifier]}. */
    static String functionName(String arn) {
        String[] parts = arn.split(":");
        return parts.length >= 7 ? parts[6] : arn;
    }

    /**
     * One invocation.
     *
     * @return the function's answer
     * @throws InvocationException when it cannot be invoked, fails, times out or answers what is not JSON
     */
    public JsonNode invoke(String lambdaArn, ObjectNode event) throws InvocationException {
        URI url = urlOf(lambdaArn).orElseThrow(() -> new InvocationException("Lambda.InvokeFailed",
                "No URL is configured for function " + lambdaArn + " (sluice.firehose.lambda.endpoints)."));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(event))).build();
        } catch (IOException e) {
            throw new InvocationException("Lambda.InvokeFailed", e.getMessage());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new InvocationException("Lambda.FunctionTimedOut", "The Lambda function did not answer within " + timeout.toSeconds() + " s.");
        } catch (IOException e) {
            throw new InvocationException("Lambda.InvokeFailed", "The Lambda function could not be invoked: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvocationException("Lambda.InvokeFailed", "Interrupted.");
        }
        if (response.statusCode() >= 300 || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            throw new InvocationException("Lambda.FunctionError",
                    "The Lambda function was invoked but it returned an error result (HTTP " + response.statusCode() + ").");
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new InvocationException("Lambda.JsonProcessingException", "The Lambda function's answer is not JSON.");
        }
    }

    /** The start of an invocation's event. */
    static ObjectNode event(String invocationId, String deliveryStreamArn, String region) {
        ObjectNode event = JSON.createObjectNode();
        event.put("invocationId", invocationId).put("deliveryStreamArn", deliveryStreamArn).put("region", region);
        event.putArray("records");
        return event;
    }

    static ArrayNode records(ObjectNode event) {
        return (ArrayNode) event.get("records");
    }

    /** A failed invocation, with the error code Firehose writes to the processing-failed output. */
    public static final class InvocationException extends Exception {
        private final String errorCode;

        public InvocationException(String errorCode, String message) {
            super(message);
            this.errorCode = errorCode;
        }

        public String errorCode() {
            return errorCode;
        }
    }
}

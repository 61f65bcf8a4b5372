package io.sluice.common.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Invokes a record-processing function over HTTP, as Firehose transformations and Kinesis
 * Analytics preprocessing do: a POST of an event holding {@code records: [{recordId, …, data}]}
 * to the function's URL, answered with {@code {records: [{recordId, result, data, …}]}}, each
 * result {@code Ok}, {@code Dropped} or {@code ProcessingFailed} ({@link #results}). The URL of a
 * function is configured by its name or ARN, or made from a template holding {@code {function}} —
 * Lambda's own Invoke path ({@code /2015-03-31/functions/{function}/invocations}) is what
 * {@code sam local start-lambda} and the Lambda runtime interface emulator serve. Serializable, so
 * that a Flink job carries it to its tasks.
 */
public class LambdaInvoker implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, URI> endpoints;
    private final String urlTemplate;
    private final Duration timeout;
    private transient HttpClient http;

    /**
     * @param endpoints function URLs by function name or ARN
     * @param urlTemplate the URL of any other function, {@code {function}} replaced by its name; null for none
     * @param timeout how long one invocation may take
     */
    public LambdaInvoker(Map<String, URI> endpoints, String urlTemplate, Duration timeout) {
        this.endpoints = Map.copyOf(endpoints);
        this.urlTemplate = urlTemplate;
        this.timeout = timeout;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        }
        return http;
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
                "No URL is configured for function " + lambdaArn + " (the service's lambda.endpoints or lambda.url-template)."));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(event))).build();
        } catch (IOException e) {
            throw new InvocationException("Lambda.InvokeFailed", e.getMessage());
        }
        HttpResponse<byte[]> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofByteArray());
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

    /**
     * The function's results by recordId, checked against the records sent: an answer that misses,
     * repeats or invents a record, gives a result other than Ok, Dropped or ProcessingFailed, or data
     * that is not base64, fails the invocation.
     */
    public static Map<String, JsonNode> results(JsonNode answer, java.util.Collection<String> recordIds) throws InvocationException {
        Map<String, JsonNode> results = new java.util.HashMap<>();
        for (JsonNode result : answer.path("records")) {
            String id = result.path("recordId").asText(null);
            if (id == null || results.put(id, result) != null) {
                throw new InvocationException("Lambda.DuplicatedRecordId", "A record id is missing or repeated in the function's answer.");
            }
            String status = result.path("result").asText("");
            if (!java.util.List.of("Ok", "Dropped", "ProcessingFailed").contains(status)) {
                throw new InvocationException("Lambda.InvalidResult",
                        "The function's answer has the result '" + status + "'; it must be Ok, Dropped or ProcessingFailed.");
            }
            if (status.equals("Ok")) {
                try {
                    java.util.Base64.getDecoder().decode(result.path("data").asText(""));
                } catch (IllegalArgumentException e) {
                    throw new InvocationException("Lambda.JsonProcessingException", "The function answered data that is not base64.");
                }
            }
        }
        for (String id : recordIds) {
            if (!results.containsKey(id)) {
                throw new InvocationException("Lambda.MissingRecordId", "The function's answer has no result for record " + id + ".");
            }
        }
        if (results.size() != recordIds.size()) {
            throw new InvocationException("Lambda.ProcessedRecordsMismatch",
                    "The function answered " + results.size() + " records for " + recordIds.size() + ".");
        }
        return results;
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

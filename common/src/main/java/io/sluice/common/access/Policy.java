package io.sluice.common.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An IAM-style policy document: statements of Effect {@code Allow} or {@code Deny}, {@code Action}
 * or {@code NotAction} (with {@code *} and {@code ?} wildcards, case-insensitive: {@code kinesis:Get*}),
 * {@code Resource} or {@code NotResource} (ARN patterns, wildcards, case-sensitive) and, in a
 * resource policy, {@code Principal} ({@code "*"}, an account id, {@code arn:aws:iam::<account>:root}
 * or a principal's ARN). Conditions are not evaluated: a statement with one never allows, and
 * always denies — the safe reading of what cannot be checked.
 */
public final class Policy {
    /** What a policy says about a request. */
    public enum Decision { DENY, ALLOW, NONE }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Statement> statements;

    private Policy(List<Statement> statements) {
        this.statements = statements;
    }

    private record Statement(boolean allow, List<Pattern> actions, boolean notAction, List<Pattern> resources, boolean notResource,
            List<String> principals, boolean conditional) {

        boolean matches(String action, String resource, Principal principal) {
            boolean actionMatches = actions.stream().anyMatch(p -> p.matcher(action).matches()) != notAction;
            boolean resourceMatches = resources.isEmpty() || resources.stream().anyMatch(p -> p.matcher(resource).matches()) != notResource;
            return actionMatches && resourceMatches && (principals == null || principalMatches(principal));
        }

        private boolean principalMatches(Principal principal) {
            if (principal == null) {
                return false;
            }
            for (String allowed : principals) {
                if (allowed.equals("*") || allowed.equals(principal.accountId()) || allowed.equals(principal.arn())
                        || allowed.equals("arn:aws:iam::" + principal.accountId() + ":root")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** @throws IllegalArgumentException when the document is not a policy */
    public static Policy parse(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The policy is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("A policy is a JSON object");
        }
        JsonNode statement = root.get("Statement");
        if (statement == null) {
            throw new IllegalArgumentException("A policy has a Statement");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode entry : statement.isArray() ? statement : List.of(statement)) {
            statements.add(statement(entry));
        }
        return new Policy(List.copyOf(statements));
    }

    private static Statement statement(JsonNode entry) {
        String effect = entry.path("Effect").asText();
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException("A statement's Effect is Allow or Deny, not '" + effect + "'");
        }
        boolean notAction = !entry.has("Action") && entry.has("NotAction");
        List<Pattern> actions = strings(entry.get(notAction ? "NotAction" : "Action")).stream().map(a -> glob(a, true)).toList();
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("A statement has an Action or a NotAction");
        }
        boolean notResource = !entry.has("Resource") && entry.has("NotResource");
        List<Pattern> resources = strings(entry.get(notResource ? "NotResource" : "Resource")).stream().map(r -> glob(r, false)).toList();
        List<String> principals = null;
        JsonNode principal = entry.get("Principal");
        if (principal != null) {
            principals = principal.isTextual() ? List.of(principal.asText()) : strings(principal.get("AWS"));
        }
        JsonNode condition = entry.get("Condition");
        return new Statement(effect.equals("Allow"), actions, notAction, resources, notResource, principals,
                condition != null && !condition.isEmpty());
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isTextual()) {
            values.add(node.asText());
        } else if (node != null && node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    /** A pattern with IAM's wildcards: {@code *} any run of characters, {@code ?} one. */
    private static Pattern glob(String text, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (String part : text.split("(?<=[*?])|(?=[*?])")) {
            regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    }

    /**
     * What the policy says of {@code action} on {@code resource}: DENY if a statement denies it
     * (explicit deny wins), ALLOW if one allows it, else NONE. {@code principal} is who asks, for
     * a resource policy's Principal; null for an identity policy.
     */
    public Decision evaluate(String action, String resource, Principal principal) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (!statement.matches(action, resource, principal)) {
                continue;
            }
            if (!statement.allow()) {
                return Decision.DENY;
            }
            allowed |= !statement.conditional();
        }
        return allowed ? Decision.ALLOW : Decision.NONE;
    }
}

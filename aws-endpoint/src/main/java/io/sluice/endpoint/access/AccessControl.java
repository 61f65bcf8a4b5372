package io.sluice.endpoint.access;

import io.sluice.common.access.Access;
import io.sluice.common.access.Policy;
import io.sluice.common.access.Principal;
import io.sluice.common.arn.Arn;
import io.sluice.endpoint.CallerScope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Authorizes requests of principals the gateway authenticated: the action on the resource against
 * the key's identity policy and the resource's own policy ({@link Access}). Requests the gateway
 * took unverified (permissive mode) are not checked.
 */
public final class AccessControl {
    /** The request attribute that holds the IAM action of the request being served. */
    public static final String ACTION = AccessControl.class.getName() + ".action";
    private static final int CACHED_POLICIES = 1024;

    private final CallerScope callers;
    private final ResourcePolicies policies;
    private final RequestResources resources;
    private final Map<String, Policy> parsed = new ConcurrentHashMap<>();

    /**
     * @param policies the service's resource policies (none: {@code arn -> Optional.empty()})
     * @param resources how the service's requests name their resources
     */
    public AccessControl(CallerScope callers, ResourcePolicies policies, RequestResources resources) {
        this.callers = callers;
        this.policies = policies;
        this.resources = resources;
    }

    /**
     * Authorizes a decoded request of {@code action} on the resource it names, unless its
     * operation authorizes itself ({@link #authorizeCurrent}); remembers the action for that.
     */
    public void authorizeRequest(HttpServletRequest request, String action, Object decoded) {
        request.setAttribute(ACTION, action);
        callers.principal().ifPresent(principal -> resources.of(decoded, callers.current())
                .ifPresent(resource -> check(principal, action, resource)));
    }

    /** Authorizes the request being served (its action as {@link #authorizeRequest} noted it) on {@code resource}. */
    public void authorizeCurrent(String resource) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object action = attributes == null ? null : attributes.getAttribute(ACTION, RequestAttributes.SCOPE_REQUEST);
        if (action != null) {
            authorize((String) action, resource);
        }
    }

    /**
     * @param action the IAM action ({@code kinesis:PutRecords})
     * @param resource the ARN acted on, {@code "*"} for none
     * @throws io.sluice.common.error.AwsException AccessDeniedException
     */
    public void authorize(String action, String resource) {
        callers.principal().ifPresent(principal -> check(principal, action, resource));
    }

    private void check(Principal principal, String action, String resource) {
        Optional<Arn> arn = resource.equals("*") ? Optional.empty() : Arn.parse(resource);
        String account = arn.map(Arn::accountId).filter(id -> !id.isEmpty()).orElse(null);
        Policy resourcePolicy = arn.isEmpty() ? null : policies.policyOf(resource).map(this::parsed).orElse(null);
        Access.check(principal, action, resource, account, resourcePolicy);
    }

    private Policy parsed(String document) {
        if (parsed.size() > CACHED_POLICIES) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(document, Policy::parse);
    }
}

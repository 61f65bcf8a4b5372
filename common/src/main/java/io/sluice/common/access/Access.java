package io.sluice.common.access;

import io.sluice.common.error.ErrorCode;

/**
 * IAM's evaluation for one request: an explicit deny in the principal's identity policy or the
 * resource's policy wins; within the resource's own account either policy may allow; across
 * accounts both must (the identity policy of a key without one allows). Refusals are
 * AccessDeniedException with AWS's message.
 */
public final class Access {
    private Access() {
    }

    /**
     * @param resourceAccount the account that owns the resource ({@code null} for an action on no
     *     resource, {@code "*"}, which the principal's own account owns)
     * @param resourcePolicy the resource's policy, null for none
     * @throws io.sluice.common.error.AwsException AccessDeniedException
     */
    public static void check(Principal principal, String action, String resource, String resourceAccount, Policy resourcePolicy) {
        Policy.Decision identity = principal.policy() == null ? Policy.Decision.ALLOW : principal.policy().evaluate(action, resource, null);
        Policy.Decision granted = resourcePolicy == null ? Policy.Decision.NONE : resourcePolicy.evaluate(action, resource, principal);
        String refused = "User: " + principal.arn() + " is not authorized to perform: " + action + " on resource: " + resource;
        if (identity == Policy.Decision.DENY) {
            throw ErrorCode.ACCESS_DENIED.exception("%s with an explicit deny in an identity-based policy", refused);
        }
        if (granted == Policy.Decision.DENY) {
            throw ErrorCode.ACCESS_DENIED.exception("%s with an explicit deny in a resource-based policy", refused);
        }
        boolean sameAccount = resourceAccount == null || resourceAccount.equals(principal.accountId());
        if (sameAccount ? identity == Policy.Decision.ALLOW || granted == Policy.Decision.ALLOW : identity == Policy.Decision.ALLOW
                && granted == Policy.Decision.ALLOW) {
            return;
        }
        String missing = identity != Policy.Decision.ALLOW ? "identity-based" : "resource-based";
        throw ErrorCode.ACCESS_DENIED.exception("%s because no %s policy allows the %s action", refused, missing, action);
    }
}

package io.sluice.endpoint;

import io.sluice.common.access.Policy;
import io.sluice.common.access.Principal;
import io.sluice.common.account.Caller;
import io.sluice.common.protocol.AwsHeaders;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The account and region a request is served as. Every service reads the caller from here rather
 * than from its own settings: a request whose access key the gateway verified is served as that
 * key's account (the gateway says so in {@link AwsHeaders#CALLER_ACCOUNT}, a header it lets no
 * client send); any other as the configured account.
 */
public final class CallerScope {
    private static final int CACHED_POLICIES = 256;

    private final Caller configured;
    private final Map<String, Policy> policies = new ConcurrentHashMap<>();

    public CallerScope(Caller configured) {
        this.configured = configured;
    }

    /** The caller of the request being served (its account header alone: the policy is read only to authorize). */
    public Caller current() {
        HttpServletRequest request = request();
        String account = request == null ? null : request.getHeader(AwsHeaders.CALLER_ACCOUNT);
        return account == null ? configured : new Caller(account, configured.region());
    }

    /** The principal the gateway authenticated for the request being served; empty outside a request or for an unverified one. */
    public Optional<Principal> principal() {
        HttpServletRequest request = request();
        if (request == null) {
            return Optional.empty();
        }
        String account = request.getHeader(AwsHeaders.CALLER_ACCOUNT);
        String arn = request.getHeader(AwsHeaders.CALLER_PRINCIPAL);
        if (account == null || arn == null) {
            return Optional.empty();
        }
        String policy = request.getHeader(AwsHeaders.CALLER_POLICY);
        return Optional.of(new Principal(account, arn, policy == null ? null : policy(policy)));
    }

    /** The region the service serves. */
    public String region() {
        return configured.region();
    }

    private Policy policy(String encoded) {
        if (policies.size() > CACHED_POLICIES) {
            policies.clear();
        }
        return policies.computeIfAbsent(encoded, e -> Policy.parse(new String(Base64.getUrlDecoder().decode(e), StandardCharsets.UTF_8)));
    }

    private static HttpServletRequest request() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }
}

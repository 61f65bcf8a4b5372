package io.sluice.endpoint.rest;

import io.sluice.common.protocol.AwsHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A REST request's id, as the AWS endpoint gives one: the gateway's ({@code x-amzn-RequestId}),
 * else a new one; answered in the same header and put on the request's log lines.
 */
public class RestRequestIds extends OncePerRequestFilter {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(RestApi.PREFIX + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String forwarded = request.getHeader(AwsHeaders.REQUEST_ID);
        String id = forwarded != null && ID.matcher(forwarded).matches() ? forwarded : UUID.randomUUID().toString();
        response.setHeader(AwsHeaders.REQUEST_ID, id);
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }
}

package io.sluice.endpoint.rest;

import io.sluice.common.protocol.AwsHeaders;
import io.sluice.endpoint.AwsEndpointController;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A REST request's id, as the AWS endpoint gives one: the gateway's ({@code x-amzn-RequestId}),
 * else a new one; answered in the same header and put on the request's log lines.
 */
public class RestRequestIds extends OncePerRequestFilter {
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(RestApi.PREFIX + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = AwsEndpointController.requestId(request.getHeader(AwsHeaders.REQUEST_ID));
        response.setHeader(AwsHeaders.REQUEST_ID, id);
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }
}

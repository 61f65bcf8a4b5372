package io.sluice.endpoint.rest;

import io.sluice.endpoint.CallerScope;
import io.sluice.endpoint.access.AccessControl;
import io.sluice.endpoint.access.RequestResources;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Authorizes each REST request as its AWS operation: the handler's {@link RestAction} names the
 * action and the resource (from the path), checked against the principal's identity policy and the
 * resource's policy as {@link AccessControl} checks the AWS API's. A refusal is the
 * AccessDeniedException problem.
 */
public final class RestAuthorization implements HandlerInterceptor {
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    /** The request attribute that says the handler's resource is named in its body ({@link RestAction#IN_BODY}). */
    static final String IN_BODY = RestAuthorization.class.getName() + ".inBody";

    private final AccessControl access;
    private final CallerScope callers;

    public RestAuthorization(AccessControl access, CallerScope callers) {
        this.access = access;
        this.callers = callers;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RestAction action = method.getMethodAnnotation(RestAction.class);
        if (action == null) {
            return true;
        }
        request.setAttribute(AccessControl.ACTION, action.value());
        if (action.resource().equals(RestAction.IN_BODY)) {
            request.setAttribute(IN_BODY, Boolean.TRUE);
        } else if (callers.principal().isPresent()) {
            access.authorize(action.value(), resource(action.resource(), request));
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private String resource(String template, HttpServletRequest request) {
        if (template.isEmpty()) {
            return "*";
        }
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Matcher variable = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String value = variables == null ? null : variables.get(variable.group(1));
            variable.appendReplacement(path, Matcher.quoteReplacement(value == null ? "*" : value));
        }
        variable.appendTail(path);
        return RequestResources.arnIn(callers.current(), path.toString());
    }
}

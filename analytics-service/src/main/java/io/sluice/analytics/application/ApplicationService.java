package io.sluice.analytics.application;

import io.sluice.common.account.Caller;
import io.sluice.common.error.Violations;
import io.sluice.common.protocol.Paging;
import io.sluice.endpoint.CallerScope;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** The caller's applications: ListApplications (and their lifecycle as it arrives). */
@Service
public class ApplicationService {
    /** The model's ApplicationName. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** The model's ListApplicationsInputLimit allows 50; that many are listed without a Limit. */
    private static final int MAX_LIMIT = 50;

    private final ApplicationStore store;
    private final CallerScope callers;

    ApplicationService(ApplicationStore store, CallerScope callers) {
        this.store = store;
        this.callers = callers;
    }

    /**
     * The caller's applications in name order, after ExclusiveStartApplicationName.
     *
     * @throws io.sluice.common.error.AwsException ValidationException for values outside the model's constraints
     */
    public ListApplicationsResponse list(ListApplicationsRequest request) {
        Violations.check()
                .range("limit", request.limit(), 1, MAX_LIMIT)
                .length("exclusiveStartApplicationName", request.exclusiveStartApplicationName(), 1, 128)
                .pattern("exclusiveStartApplicationName", request.exclusiveStartApplicationName(), NAME)
                .raise();
        Caller caller = callers.current();
        int limit = request.limit() == null ? MAX_LIMIT : request.limit();
        String after = Objects.requireNonNullElse(request.exclusiveStartApplicationName(), "");
        Paging.Page<Application> page = Paging.page(store.list(caller, after, limit + 1), limit);
        return new ListApplicationsResponse(page.items().stream()
                .map(a -> new ListApplicationsResponse.ApplicationSummary(a.name(), a.arn().toString(), a.status()))
                .toList(), page.hasMore());
    }
}

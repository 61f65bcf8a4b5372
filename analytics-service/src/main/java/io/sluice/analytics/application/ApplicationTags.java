package io.sluice.analytics.application;

import io.sluice.analytics.application.ApplicationRequests.ListTagsForResourceResponse;
import io.sluice.analytics.application.ApplicationRequests.TagResourceRequest;
import io.sluice.analytics.application.Shapes.Tag;
import io.sluice.common.account.Caller;
import io.sluice.common.arn.ApplicationArn;
import io.sluice.common.error.Violations;
import io.sluice.common.tag.TagRules;
import io.sluice.endpoint.CallerScope;
import java.util.AbstractMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** TagResource, UntagResource and ListTagsForResource: up to 50 tags an application; tags do not change its version. */
@Service
public class ApplicationTags {
    /** The model's KinesisAnalyticsARN. */
    private static final Pattern ARN = Pattern.compile(
            "arn:aws:kinesisanalytics:[a-z]{2}-[a-z]+-\\d{1}+:\\d{12}+:application/[a-zA-Z0-9_.-]{1,128}");

    private final ApplicationStore store;
    private final CallerScope callers;

    ApplicationTags(ApplicationStore store, CallerScope callers) {
        this.store = store;
        this.callers = callers;
    }

    /** @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException, TooManyTagsException */
    public void tag(TagResourceRequest request) {
        arn(request).notNull("tags", request.tags()).size("tags", request.tags(), 1, 200).raise();
        Map<String, String> added = TagRules.KINESIS_ANALYTICS.checkMembers(request.tags().stream()
                .map(t -> new AbstractMap.SimpleImmutableEntry<>(t.key(), t.value())).toList());
        change(request, tags -> tags.putAll(added));
    }

    public void untag(TagResourceRequest request) {
        arn(request).notNull("tagKeys", request.tagKeys()).size("tagKeys", request.tagKeys(), 1, 200).raise();
        TagRules.KINESIS_ANALYTICS.checkKeys(request.tagKeys());
        change(request, tags -> request.tagKeys().forEach(tags::remove));
    }

    public ListTagsForResourceResponse list(TagResourceRequest request) {
        arn(request).raise();
        Application application = store.find(callers.current(), name(request)).orElseThrow(() -> ApplicationService.notFound(name(request)));
        return new ListTagsForResourceResponse(application.tags().entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList());
    }

    private void change(TagResourceRequest request, Consumer<Map<String, String>> change) {
        Caller caller = callers.current();
        store.update(caller, name(request), application -> {
            Map<String, String> tags = new TreeMap<>(application.tags());
            change.accept(tags);
            TagRules.KINESIS_ANALYTICS.check(tags);
            return application.withTags(tags);
        }).orElseThrow(() -> ApplicationService.notFound(name(request)));
    }

    private static Violations arn(TagResourceRequest request) {
        return Violations.check().notNull("resourceARN", request.resourceArn()).length("resourceARN", request.resourceArn(), 1, 2048)
                .pattern("resourceARN", request.resourceArn(), ARN);
    }

    /** The application an ARN names, when it is in the caller's account and region (else one that is not found). */
    private String name(TagResourceRequest request) {
        Caller caller = callers.current();
        ApplicationArn arn = ApplicationArn.parse(request.resourceArn()).orElseThrow(() -> ApplicationService.notFound(request.resourceArn()));
        if (!arn.accountId().equals(caller.accountId()) || !arn.region().equals(caller.region())) {
            throw ApplicationService.notFound(request.resourceArn());
        }
        return arn.applicationName();
    }
}

package io.sluice.streams.policy;

import io.sluice.common.access.Policy;
import io.sluice.common.arn.ConsumerArn;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.streams.consumer.StreamConsumers;
import io.sluice.streams.stream.StreamLocator;
import io.sluice.streams.stream.StreamSettings;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on a stream or a consumer. The
 * policy is stored and returned as written, and requests of authenticated principals are authorized
 * against it ({@link StreamResourcePolicies}); a policy must be one the authorization can read.
 */
@Service
public class ResourcePolicyService {
    /** What GetResourcePolicy returns for a stream without a policy. */
    static final String NO_POLICY = "{}";

    private final StreamSettings streams;
    private final StreamConsumers consumers;
    private final StreamLocator locator;
    private final StreamResourcePolicies enforced;

    ResourcePolicyService(StreamSettings streams, StreamConsumers consumers, StreamLocator locator, StreamResourcePolicies enforced) {
        this.streams = streams;
        this.consumers = consumers;
        this.locator = locator;
        this.enforced = enforced;
    }

    /**
     * @throws io.sluice.common.error.AwsException InvalidArgumentException (the policy is not a JSON
     *     object), ResourceNotFoundException
     */
    public void put(PutResourcePolicyRequest request) {
        Violations.check().notNull("policy", request.policy()).raise();
        requireJsonObject(request.policy());
        set(request.resourceArn(), request.policy());
    }

    /** @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public GetResourcePolicyResponse get(ResourcePolicyRequest request) {
        Optional<ConsumerArn> consumer = locator.consumerResource(request.resourceArn());
        String policy = consumer.isPresent()
                ? consumers.resourcePolicy(consumer.get())
                : streams.resourcePolicy(locator.locateResource(request.resourceArn()));
        return new GetResourcePolicyResponse(policy == null ? NO_POLICY : policy);
    }

    /** @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public void delete(ResourcePolicyRequest request) {
        set(request.resourceArn(), null);
    }

    private void set(String resourceArn, String policy) {
        Optional<ConsumerArn> consumer = locator.consumerResource(resourceArn);
        if (consumer.isPresent()) {
            consumers.setResourcePolicy(consumer.get(), policy);
        } else {
            streams.setResourcePolicy(locator.locateResource(resourceArn), policy);
        }
        enforced.changed(resourceArn);
    }

    /** A policy is stored only if authorization can read it (a JSON object of statements). */
    private static void requireJsonObject(String policy) {
        try {
            Policy.parse(policy);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Policy is not a valid policy document: %s", e.getMessage());
        }
    }
}

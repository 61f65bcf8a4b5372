package io.sluice.streams.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.streams.stream.StreamLocator;
import io.sluice.streams.stream.StreamSettings;
import org.springframework.stereotype.Service;

/**
 * PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on a stream. The policy is
 * stored and returned as written; it is not enforced yet (requests are not authorised against it).
 */
@Service
public class ResourcePolicyService {
    /** What GetResourcePolicy returns for a stream without a policy. */
    static final String NO_POLICY = "{}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamSettings streams;
    private final StreamLocator locator;

    ResourcePolicyService(StreamSettings streams, StreamLocator locator) {
        this.streams = streams;
        this.locator = locator;
    }

    /**
     * @throws io.sluice.common.error.AwsException InvalidArgumentException (the policy is not a JSON
     *     object), ResourceNotFoundException
     */
    public void put(PutResourcePolicyRequest request) {
        Violations.check().notNull("policy", request.policy()).raise();
        requireJsonObject(request.policy());
        streams.setResourcePolicy(locator.locateResource(request.resourceArn()), request.policy());
    }

    /** @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public GetResourcePolicyResponse get(ResourcePolicyRequest request) {
        String policy = streams.resourcePolicy(locator.locateResource(request.resourceArn()));
        return new GetResourcePolicyResponse(policy == null ? NO_POLICY : policy);
    }

    /** @throws io.sluice.common.error.AwsException ResourceNotFoundException */
    public void delete(ResourcePolicyRequest request) {
        streams.setResourcePolicy(locator.locateResource(request.resourceArn()), null);
    }

    private static void requireJsonObject(String policy) {
        try {
            JsonNode document = JSON.readTree(policy);
            if (document == null || !document.isObject()) {
                throw ErrorCode.INVALID_ARGUMENT.exception("Policy must be a JSON object.");
            }
        } catch (JsonProcessingException e) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Policy is not valid JSON: %s", e.getOriginalMessage());
        }
    }
}

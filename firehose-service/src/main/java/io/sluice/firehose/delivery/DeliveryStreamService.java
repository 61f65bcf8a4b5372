package io.sluice.firehose.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.account.Caller;
import io.sluice.common.crypto.MasterKey;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.Violations;
import io.sluice.common.tag.TagRules;
import io.sluice.firehose.destination.Destination;
import io.sluice.firehose.destination.DestinationDescription;
import io.sluice.firehose.destination.S3Destination;
import io.sluice.common.protocol.Paging;
import io.sluice.endpoint.CallerScope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** The delivery streams of the caller: Create, Describe, Delete and ListDeliveryStream(s), UpdateDestination. */
@Service
public class DeliveryStreamService {
    /** The model's DeliveryStreamName. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final List<String> TYPES = List.of("DirectPut", "KinesisStreamAsSource", "MSKAsSource", "DatabaseAsSource");
    static final Pattern VERSION = Pattern.compile("[0-9]+");
    static final Pattern DESTINATION_ID = Pattern.compile("[a-zA-Z0-9-]+");
    /** The model's KinesisStreamARN and RoleARN. */
    static final Pattern KINESIS_STREAM_ARN = Pattern.compile("arn:.*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+");
    /** Firehose lists 10 delivery streams when no Limit is given. */
    private static final int DEFAULT_LIMIT = 10;

    private final DeliveryStreamStore store;
    private final CallerScope callers;
    private final DeliveryStreamLifecycle lifecycle;
    private final DeliveryStreamCache cache;
    private final Clock clock;
    private final int limit;
    private final MasterKey master;

    @org.springframework.beans.factory.annotation.Autowired
    DeliveryStreamService(DeliveryStreamStore store, CallerScope callers, DeliveryStreamLifecycle lifecycle,
            DeliveryStreamCache cache, Clock clock, io.sluice.firehose.config.FirehoseProperties properties, MasterKey master) {
        this(store, callers, lifecycle, cache, clock, properties.deliveryStreamLimit(), master);
    }

    DeliveryStreamService(DeliveryStreamStore store, CallerScope callers, DeliveryStreamLifecycle lifecycle,
            DeliveryStreamCache cache, Clock clock, int limit, MasterKey master) {
        this.limit = limit;
        this.master = master;
        this.store = store;
        this.cache = cache;
        this.callers = callers;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /**
     * Creates a DirectPut delivery stream to S3, CREATING until its bucket is found.
     *
     * @throws io.sluice.common.error.AwsException ValidationException (the model's constraints),
     *     InvalidArgumentException (no S3 destination, two destinations, another source or
     *     destination type, inconsistent members), ResourceInUseException (the name is taken),
     *     LimitExceededException (the caller has as many delivery streams as the quota allows)
     */
    public CreateDeliveryStreamResponse create(CreateDeliveryStreamRequest request) {
        String type = request.deliveryStreamType() == null ? "DirectPut" : request.deliveryStreamType();
        Violations violations = checkName(Violations.check(), request.deliveryStreamName())
                .oneOf("deliveryStreamType", request.deliveryStreamType(), TYPES)
                .size("tags", request.tags(), 1, 50);
        if (request.extendedS3DestinationConfiguration() != null) {
            request.extendedS3DestinationConfiguration().check(violations, "extendedS3DestinationConfiguration");
        }
        if (request.s3DestinationConfiguration() != null) {
            request.s3DestinationConfiguration().check(violations, "s3DestinationConfiguration");
        }
        JsonNode keyGiven = request.deliveryStreamEncryptionConfigurationInput();
        if (keyGiven != null && !keyGiven.isNull()) {
            StreamEncryption.check(violations, keyGiven.path("KeyType").asText(null), keyGiven.path("KeyARN").asText(null),
                    "deliveryStreamEncryptionConfigurationInput");
        }
        violations.raise();
        Map<String, String> tags = DeliveryStreamTags.parse(request.tags());
        TagRules.FIREHOSE.check(tags);
        boolean extended = request.extendedS3DestinationConfiguration() != null;
        if (extended == (request.s3DestinationConfiguration() != null) || request.hasOtherDestination()) {
            throw ErrorCode.INVALID_ARGUMENT.exception(
                    "Sluice delivers to S3: give exactly one of ExtendedS3DestinationConfiguration and S3DestinationConfiguration.");
        }
        KinesisSource source = null;
        if (type.equals("KinesisStreamAsSource")) {
            JsonNode given = request.kinesisStreamSourceConfiguration();
            if (given == null || given.isNull()) {
                throw ErrorCode.INVALID_ARGUMENT.exception(
                        "KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.");
            }
            String streamArn = given.path("KinesisStreamARN").asText(null);
            String roleArn = given.path("RoleARN").asText(null);
            Violations.check()
                    .notNull("kinesisStreamSourceConfiguration.kinesisStreamARN", streamArn)
                    .length("kinesisStreamSourceConfiguration.kinesisStreamARN", streamArn, 1, 512)
                    .pattern("kinesisStreamSourceConfiguration.kinesisStreamARN", streamArn, KINESIS_STREAM_ARN)
                    .notNull("kinesisStreamSourceConfiguration.roleARN", roleArn)
                    .length("kinesisStreamSourceConfiguration.roleARN", roleArn, 1, 512)
                    .pattern("kinesisStreamSourceConfiguration.roleARN", roleArn, S3Destination.ROLE_ARN)
                    .raise();
            if (request.deliveryStreamEncryptionConfigurationInput() != null) {
                throw ErrorCode.INVALID_ARGUMENT.exception(
                        "Server-side encryption is not supported for KinesisStreamAsSource delivery streams; the source stream's encryption applies.");
            }
            source = new KinesisSource(streamArn, roleArn, clock.instant());
        } else if (request.kinesisStreamSourceConfiguration() != null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("KinesisStreamSourceConfiguration is only given with DeliveryStreamType KinesisStreamAsSource.");
        } else if (!type.equals("DirectPut")) {
            throw ErrorCode.INVALID_ARGUMENT.exception("DeliveryStreamType %s is not supported by Sluice; use DirectPut or KinesisStreamAsSource.",
                    type);
        }
        S3Destination destination = extended ? request.extendedS3DestinationConfiguration() : request.s3DestinationConfiguration();
        destination.checkConsistent();
        Caller caller = callers.current();
        if (store.count(caller) >= limit) {
            throw ErrorCode.LIMIT_EXCEEDED.exception("You have already consumed your firehose quota of %d hoses.", limit);
        }
        Instant now = clock.instant();
        StreamEncryption encryption = null;
        JsonNode keyInput = request.deliveryStreamEncryptionConfigurationInput();
        if (keyInput != null && !keyInput.isNull()) {
            if (!master.configured()) {
                throw ErrorCode.INVALID_KMS_RESOURCE.exception("No master key is configured for server-side encryption "
                        + "(sluice.firehose.encryption.master-key).");
            }
            encryption = StreamEncryption.enabling(keyInput.path("KeyType").asText(null), keyInput.path("KeyARN").asText(null),
                    master.wrap(master.newDataKey()));
        }
        DeliveryStream stream = new DeliveryStream(caller, request.deliveryStreamName(), type, "CREATING", 1, now, now,
                new Destination(destination.withDefaults(extended), extended), null, tags, encryption, source);
        if (!store.create(stream)) {
            throw ErrorCode.RESOURCE_IN_USE.exception("Firehose stream %s under account %s already exists.",
                    stream.name(), caller.accountId());
        }
        lifecycle.activate(caller, stream.name());
        return new CreateDeliveryStreamResponse(stream.arn().toString());
    }

    /** @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException */
    public DescribeDeliveryStreamResponse describe(DeliveryStreamNameRequest request) {
        checkName(request)
                .range("limit", request.limit(), 1, 10000)
                .length("exclusiveStartDestinationId", request.exclusiveStartDestinationId(), 1, 100)
                .pattern("exclusiveStartDestinationId", request.exclusiveStartDestinationId(), DESTINATION_ID)
                .raise();
        DeliveryStream stream = existing(request.deliveryStreamName());
        boolean listed = request.exclusiveStartDestinationId() == null
                || request.exclusiveStartDestinationId().compareTo(DestinationDescription.ID) < 0;
        List<DestinationDescription> destinations = stream.destination() == null || !listed ? List.of()
                : List.of(DestinationDescription.of(stream.destination().s3(), stream.destination().extended()));
        return new DescribeDeliveryStreamResponse(new DescribeDeliveryStreamResponse.Description(
                stream.name(), stream.arn().toString(), stream.status(), stream.failure(), encryptionOf(stream),
                stream.type(), String.valueOf(stream.versionId()), stream.createdAt(), stream.updatedAt(),
                stream.source() == null ? null : Map.of("KinesisStreamSourceDescription", stream.source().description()),
                destinations, false));
    }

    /**
     * Marks a delivery stream DELETING; it is gone shortly after.
     *
     * @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException,
     *     ResourceInUseException (it is still CREATING)
     */
    public void delete(DeliveryStreamNameRequest request) {
        checkName(request).raise();
        Caller caller = callers.current();
        String name = request.deliveryStreamName();
        store.update(caller, name, stream -> {
            if (stream.status().equals("CREATING")) {
                throw ErrorCode.RESOURCE_IN_USE.exception(
                        "Firehose stream %s under account %s is in CREATING state and cannot be deleted.", name, caller.accountId());
            }
            return stream.withStatus("DELETING", stream.failure(), clock.instant());
        }).orElseThrow(() -> notFound(name, caller));
        cache.evict(caller, name);
        lifecycle.remove(caller, name);
    }

    /**
     * Changes the S3 destination of an ACTIVE delivery stream, if the caller saw its current version:
     * the members given replace those kept, and the version goes up by one.
     *
     * @throws io.sluice.common.error.AwsException ValidationException, InvalidArgumentException (no
     *     S3 update, another destination type, another destination id), ResourceNotFoundException,
     *     ResourceInUseException (not ACTIVE), ConcurrentModificationException (a stale version)
     */
    public void updateDestination(UpdateDestinationRequest request) {
        Violations violations = checkName(Violations.check(), request.deliveryStreamName())
                .notNull("currentDeliveryStreamVersionId", request.currentDeliveryStreamVersionId())
                .length("currentDeliveryStreamVersionId", request.currentDeliveryStreamVersionId(), 1, 50)
                .pattern("currentDeliveryStreamVersionId", request.currentDeliveryStreamVersionId(), VERSION)
                .notNull("destinationId", request.destinationId())
                .length("destinationId", request.destinationId(), 1, 100)
                .pattern("destinationId", request.destinationId(), DESTINATION_ID);
        violations.raise();
        boolean extended = request.extendedS3DestinationUpdate() != null;
        S3Destination update = extended ? request.extendedS3DestinationUpdate() : request.s3DestinationUpdate();
        if (update == null || request.hasOtherUpdate() || extended && request.s3DestinationUpdate() != null) {
            throw ErrorCode.INVALID_ARGUMENT.exception("Sluice delivers to S3: give exactly one of ExtendedS3DestinationUpdate and S3DestinationUpdate.");
        }
        Caller caller = callers.current();
        String name = request.deliveryStreamName();
        store.update(caller, name, stream -> {
            if (!stream.status().equals("ACTIVE")) {
                throw ErrorCode.RESOURCE_IN_USE.exception("Firehose stream %s under account %s is not ACTIVE, instead in state %s.",
                        name, caller.accountId(), stream.status());
            }
            if (!String.valueOf(stream.versionId()).equals(request.currentDeliveryStreamVersionId())) {
                throw ErrorCode.CONCURRENT_MODIFICATION.exception(
                        "Cannot update Firehose stream %s under account %s: the current version is %d, not %s.",
                        name, caller.accountId(), stream.versionId(), request.currentDeliveryStreamVersionId());
            }
            if (!request.destinationId().equals(DestinationDescription.ID) || stream.destination() == null) {
                throw ErrorCode.INVALID_ARGUMENT.exception("Destination %s of Firehose stream %s not found.", request.destinationId(), name);
            }
            S3Destination updated = stream.destination().s3().updatedWith(update);
            updated.check(Violations.check(), extended ? "extendedS3DestinationUpdate" : "s3DestinationUpdate").raise();
            updated.checkConsistent();
            boolean nowExtended = extended || stream.destination().extended();
            return stream.withDestination(new Destination(updated.withDefaults(nowExtended), nowExtended), clock.instant());
        }).orElseThrow(() -> notFound(name, caller));
        cache.evict(caller, name);
    }

    /** DeliveryStreamEncryptionConfiguration: Status, and KeyType and KeyARN once encryption was started. */
    private static Map<String, String> encryptionOf(DeliveryStream stream) {
        if (stream.encryption() == null) {
            return Map.of("Status", "DISABLED");
        }
        Map<String, String> described = new java.util.LinkedHashMap<>();
        described.put("Status", stream.encryption().status());
        described.put("KeyType", stream.encryption().keyType());
        if (stream.encryption().keyArn() != null) {
            described.put("KeyARN", stream.encryption().keyArn());
        }
        return described;
    }

    private static Violations checkName(DeliveryStreamNameRequest request) {
        return checkName(Violations.check(), request.deliveryStreamName());
    }

    /** Adds the model's constraints on a {@code DeliveryStreamName} member (every operation's) to {@code violations}. */
    public static Violations checkName(Violations violations, String name) {
        return violations.notNull("deliveryStreamName", name)
                .length("deliveryStreamName", name, 1, 64)
                .pattern("deliveryStreamName", name, NAME);
    }

    private DeliveryStream existing(String name) {
        Caller caller = callers.current();
        return store.find(caller, name).orElseThrow(() -> notFound(name, caller));
    }

    static RuntimeException notFound(String name, Caller caller) {
        return ErrorCode.RESOURCE_NOT_FOUND.exception("Firehose stream %s under account %s not found.", name, caller.accountId());
    }

    /**
     * The caller's delivery streams in name order, after ExclusiveStartDeliveryStreamName.
     *
     * @throws io.sluice.common.error.AwsException ValidationException for values outside the model's constraints
     */
    public ListDeliveryStreamsResponse list(ListDeliveryStreamsRequest request) {
        Violations.check()
                .range("limit", request.limit(), 1, 10000)
                .oneOf("deliveryStreamType", request.deliveryStreamType(), TYPES)
                .length("exclusiveStartDeliveryStreamName", request.exclusiveStartDeliveryStreamName(), 1, 64)
                .pattern("exclusiveStartDeliveryStreamName", request.exclusiveStartDeliveryStreamName(), NAME)
                .raise();
        Caller caller = callers.current();
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        String after = Objects.requireNonNullElse(request.exclusiveStartDeliveryStreamName(), "");
        Paging.Page<DeliveryStream> page = Paging.page(store.list(caller, request.deliveryStreamType(), after, limit + 1), limit);
        return new ListDeliveryStreamsResponse(page.items().stream().map(DeliveryStream::name).toList(), page.hasMore());
    }
}

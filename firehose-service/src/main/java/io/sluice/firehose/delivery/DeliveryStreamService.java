package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import io.sluice.common.error.Violations;
import io.sluice.common.protocol.Paging;
import io.sluice.endpoint.CallerScope;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** The delivery streams of the caller: ListDeliveryStreams (and their lifecycle as it arrives). */
@Service
public class DeliveryStreamService {
    /** The model's DeliveryStreamName. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final List<String> TYPES = List.of("DirectPut", "KinesisStreamAsSource", "MSKAsSource", "DatabaseAsSource");
    /** Firehose lists 10 delivery streams when no Limit is given. */
    private static final int DEFAULT_LIMIT = 10;

    private final DeliveryStreamStore store;
    private final CallerScope callers;
    private final Paging paging;

    DeliveryStreamService(DeliveryStreamStore store, CallerScope callers, Paging paging) {
        this.store = store;
        this.callers = callers;
        this.paging = paging;
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
        String after = paging.startAfter(null, "", request.exclusiveStartDeliveryStreamName());
        Paging.Page<DeliveryStream> page = paging.page(
                store.list(caller, request.deliveryStreamType(), after, limit + 1), limit, caller.toString(), DeliveryStream::name);
        return new ListDeliveryStreamsResponse(page.items().stream().map(DeliveryStream::name).toList(), page.hasMore());
    }
}

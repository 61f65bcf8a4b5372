package io.sluice.streams.monitoring;

import io.sluice.common.error.Violations;
import io.sluice.streams.metadata.StreamKey;
import io.sluice.streams.stream.ShardLevelMetric;
import io.sluice.streams.stream.StreamLocator;
import io.sluice.streams.stream.StreamSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * EnableEnhancedMonitoring and DisableEnhancedMonitoring: the shard-level metrics a stream has
 * enabled, stored and reported by DescribeStream and DescribeStreamSummary. The change applies at
 * once, so the desired metrics are the current ones afterwards.
 */
@Service
public class EnhancedMonitoringService {
    private final StreamSettings streams;
    private final StreamLocator locator;

    EnhancedMonitoringService(StreamSettings streams, StreamLocator locator) {
        this.streams = streams;
        this.locator = locator;
    }

    /** @throws io.sluice.common.error.AwsException ValidationException (unknown metric), ResourceNotFoundException */
    public EnhancedMonitoringResponse enable(EnhancedMonitoringRequest request) {
        return change(request, true);
    }

    /** @throws io.sluice.common.error.AwsException ValidationException (unknown metric), ResourceNotFoundException */
    public EnhancedMonitoringResponse disable(EnhancedMonitoringRequest request) {
        return change(request, false);
    }

    private EnhancedMonitoringResponse change(EnhancedMonitoringRequest request, boolean enable) {
        Violations violations = StreamLocator.checkNames(Violations.check(), request.streamName(), request.streamArn())
                .notNull("shardLevelMetrics", request.shardLevelMetrics())
                .size("shardLevelMetrics", request.shardLevelMetrics(), 1, 7);
        if (request.shardLevelMetrics() != null) {
            for (String metric : request.shardLevelMetrics()) {
                violations.oneOf("shardLevelMetrics.member", metric, ShardLevelMetric.wireNames());
            }
        }
        violations.raise();
        StreamKey key = locator.locate(request.streamName(), request.streamArn());
        List<ShardLevelMetric> named = ShardLevelMetric.of(request.shardLevelMetrics());
        StreamSettings.MetricsChange change = streams.updateShardLevelMetrics(key, current -> {
            Set<ShardLevelMetric> desired = new LinkedHashSet<>(ShardLevelMetric.of(current));
            if (enable) {
                desired.addAll(named);
            } else {
                named.forEach(desired::remove);
            }
            return ShardLevelMetric.of(desired.stream().map(Enum::name).toList()).stream().map(Enum::name).toList();
        });
        return new EnhancedMonitoringResponse(key.name(), key.arn().toString(), change.before(), change.after());
    }
}

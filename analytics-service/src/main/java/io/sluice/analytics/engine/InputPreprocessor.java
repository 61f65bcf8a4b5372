package io.sluice.analytics.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.lambda.LambdaInvoker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An input's preprocessing Lambda, with KDA's contract: records go in batches (up to
 * {@value #BATCH} records, or whatever arrived within {@value #LINGER_MS} ms) as
 * {@code {invocationId, applicationArn, streamArn, records: [{recordId, kinesisStreamRecordMetadata
 * | kinesisFirehoseRecordMetadata, data}]}}; each result's data goes on to the input's schema when
 * it is {@code Ok}, a {@code Dropped} or {@code ProcessingFailed} record does not. A function that
 * cannot be invoked is tried three times, then the job fails and restarts from its last checkpoint
 * — the waiting records are in it — so no record is lost.
 */
final class InputPreprocessor extends KeyedProcessFunction<Integer, Row, byte[]> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(InputPreprocessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int BATCH = 500;
    static final long LINGER_MS = 100;
    private static final int ATTEMPTS = 3;

    private final LambdaInvoker lambdas;
    private final String functionArn;
    private final String applicationArn;
    private final String streamArn;
    private final boolean firehose;
    private final TypeInformation<Row> recordType;
    private transient List<Row> waiting;
    private transient ListState<Row> saved;
    private transient boolean timerSet;

    /**
     * @param firehose whether the input is a delivery stream (its records' metadata is only their arrival)
     * @param recordType the type of the records (rows of {@link io.sluice.analytics.flink.StreamRecordDeserializer})
     */
    InputPreprocessor(LambdaInvoker lambdas, String functionArn, String applicationArn, String streamArn, boolean firehose,
            TypeInformation<Row> recordType) {
        this.lambdas = lambdas;
        this.functionArn = functionArn;
        this.applicationArn = applicationArn;
        this.streamArn = streamArn;
        this.firehose = firehose;
        this.recordType = recordType;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        saved = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("waiting", recordType));
        waiting = new ArrayList<>();
        saved.get().forEach(waiting::add);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        saved.update(waiting);
    }

    @Override
    public void processElement(Row record, Context context, Collector<byte[]> out) throws Exception {
        waiting.add(record);
        if (waiting.size() >= BATCH) {
            flush(out);
        } else if (!timerSet) {
            context.timerService().registerProcessingTimeTimer(context.timerService().currentProcessingTime() + LINGER_MS);
            timerSet = true;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<byte[]> out) throws Exception {
        timerSet = false;
        flush(out);
    }

    private void flush(Collector<byte[]> out) throws Exception {
        if (waiting.isEmpty()) {
            return;
        }
        ObjectNode event = JSON.createObjectNode().put("invocationId", UUID.randomUUID().toString()).put("applicationArn", applicationArn)
                .put("streamArn", streamArn);
        ArrayNode records = event.putArray("records");
        List<String> ids = new ArrayList<>();
        for (Row record : waiting) {
            // The fields of io.sluice.analytics.flink.StreamRecordDeserializer, by position.
            String id = (String) record.getField(3);
            ids.add(id);
            ObjectNode entry = records.addObject().put("recordId", id);
            long arrival = ((Instant) record.getField(4)).toEpochMilli();
            if (firehose) {
                entry.putObject("kinesisFirehoseRecordMetadata").put("approximateArrivalTimestamp", arrival);
            } else {
                entry.putObject("kinesisStreamRecordMetadata").put("sequenceNumber", id).put("partitionKey", (String) record.getField(0))
                        .put("shardId", (String) record.getField(2)).put("approximateArrivalTimestamp", arrival);
            }
            entry.put("data", Base64.getEncoder().encodeToString((byte[]) record.getField(1)));
        }
        Map<String, JsonNode> results = invoke(event, ids);
        for (String id : ids) {
            JsonNode result = results.get(id);
            if (result.path("result").asText().equals("Ok")) {
                out.collect(Base64.getDecoder().decode(result.path("data").asText("")));
            }
        }
        waiting.clear();
    }

    private Map<String, JsonNode> invoke(ObjectNode event, List<String> ids) throws Exception {
        LambdaInvoker.InvocationException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return LambdaInvoker.results(lambdas.invoke(functionArn, event), ids);
            } catch (LambdaInvoker.InvocationException e) {
                last = e;
                log.warn("Preprocessing function {} failed ({}): {}", functionArn, e.errorCode(), e.getMessage());
                Thread.sleep(200L * attempt);
            }
        }
        throw new IllegalStateException("The preprocessing function " + functionArn + " failed " + ATTEMPTS + " times: " + last.getMessage(), last);
    }
}

package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The topics that hold what DirectPut delivery streams were given until it is delivered: one per
 * delivery stream, named {@code firehose.<account>.<region>.<name>.<created, base 36>} so that a
 * re-created stream never reads its predecessor's records. Kafka's in the service
 * ({@link KafkaDeliveryTopics}); unit tests of the lifecycle keep a set.
 */
public interface DeliveryTopics {
    /** Every delivery stream topic, as the delivery consumers subscribe to them. */
    Pattern ALL = Pattern.compile("firehose\\..+");
    String PREFIX = "firehose.";

    /** Creates the stream's topic (or finds it made by an earlier attempt) and waits until it serves. */
    void create(DeliveryStream stream);

    /** Deletes the stream's topic; one already gone is no error. */
    void delete(DeliveryStream stream);

    /** The log end offset of each of the given partitions of a topic (a KinesisStreamAsSource stream's starting point). */
    Map<Integer, Long> endOffsets(String topic, java.util.List<Integer> partitions);

    static String topicOf(DeliveryStream stream) {
        return PREFIX + stream.owner().accountId() + "." + stream.owner().region() + "." + stream.name() + "."
                + Long.toString(stream.createdAt().toEpochMilli(), 36);
    }

    /**
     * The delivery stream a topic belongs to.
     *
     * @return its owner, name and creation time in milliseconds, empty for a topic of another kind
     */
    static Optional<TopicOwner> ownerOf(String topic) {
        if (!topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = topic.substring(PREFIX.length()).split("\\.");
        if (parts.length < 4) {
            return Optional.empty();
        }
        try {
            String name = String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length - 1));
            return Optional.of(new TopicOwner(new Caller(parts[0], parts[1]), name, Long.parseLong(parts[parts.length - 1], 36)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The owner and name of the delivery stream of a topic, and when it was created. */
    record TopicOwner(Caller owner, String name, long createdMillis) {
    }
}

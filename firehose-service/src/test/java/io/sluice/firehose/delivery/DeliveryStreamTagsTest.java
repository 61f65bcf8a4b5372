package io.sluice.firehose.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.account.Caller;
import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import io.sluice.endpoint.CallerScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tagging delivery streams over the in-memory twin of the store. */
class DeliveryStreamTagsTest {
    private final Caller caller = new Caller("000000000000", "us-east-1");
    private final MemoryDeliveryStreamStore store = new MemoryDeliveryStreamStore();
    private final DeliveryStreamTags tags = new DeliveryStreamTags(store, new CallerScope(caller));

    {
        store.create(new DeliveryStream(caller, "logs", "DirectPut", "ACTIVE", 1, Instant.now()));
    }

    private static TagDeliveryStreamRequest tagging(List<Tag> add) {
        return new TagDeliveryStreamRequest("logs", add, null, null, null);
    }

    @Test
    void tagsAreAddedReplacedListedInKeyOrderAndRemoved() {
        tags.tag(tagging(List.of(new Tag("team", "web"), new Tag("env", "prod"))));
        tags.tag(tagging(List.of(new Tag("team", "data"))));
        ListTagsForDeliveryStreamResponse all = tags.list(new TagDeliveryStreamRequest("logs", null, null, null, null));
        assertThat(all.tags()).containsExactly(new Tag("env", "prod"), new Tag("team", "data"));
        assertThat(all.hasMoreTags()).isFalse();
        ListTagsForDeliveryStreamResponse first = tags.list(new TagDeliveryStreamRequest("logs", null, null, null, 1));
        assertThat(first.tags()).containsExactly(new Tag("env", "prod"));
        assertThat(first.hasMoreTags()).isTrue();
        assertThat(tags.list(new TagDeliveryStreamRequest("logs", null, null, "env", null)).tags()).containsExactly(new Tag("team", "data"));
        tags.untag(new TagDeliveryStreamRequest("logs", null, List.of("env", "absent"), null, null));
        assertThat(store.find(caller, "logs").orElseThrow().tags()).containsOnlyKeys("team");
    }

    @Test
    void fiftyTagsAtMostAndTheModelsPatterns() {
        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(new Tag("k" + i, "v"));
        }
        tags.tag(tagging(fifty));
        assertThatThrownBy(() -> tags.tag(tagging(List.of(new Tag("one-more", "v")))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
        assertThat(store.find(caller, "logs").orElseThrow().tags()).hasSize(50);
        assertThatThrownBy(() -> tags.tag(tagging(List.of(new Tag("aws:reserved", "v")))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains("tags.1.member.key"));
        assertThatThrownBy(() -> tags.tag(new TagDeliveryStreamRequest("nope", List.of(new Tag("k", "v")), null, null, null)))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }
}

package io.sluice.common.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagRulesTest {

    private static Map<String, String> tags(int count) {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put("k" + i, "v");
        }
        return tags;
    }

    @Test
    void keysAndValuesAreCheckedAsTheModelsConstrainThem() {
        TagRules.KINESIS.check(Map.of("team", "", "k".repeat(128), "v".repeat(256)));
        assertThatThrownBy(() -> TagRules.FIREHOSE.check(Map.of("", "v")))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.getMessage()).contains("tags.key").contains("greater than or equal to 1");
                });
        assertThatThrownBy(() -> TagRules.KINESIS.check(Map.of("k", "v".repeat(257))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage()).contains("tags.value"));
        assertThatThrownBy(() -> TagRules.KINESIS_ANALYTICS.checkKeys(List.of("k".repeat(129))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
    }

    @Test
    void eachApiSaysTooManyTagsWithItsOwnError() {
        TagRules.KINESIS.check(tags(50));
        assertThatThrownBy(() -> TagRules.KINESIS.check(tags(51)))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo("A stream cannot have more than 50 tags.");
                });
        assertThatThrownBy(() -> TagRules.FIREHOSE.checkCount(51))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
        assertThatThrownBy(() -> TagRules.KINESIS_ANALYTICS.checkCount(51))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_TAGS));
    }
}

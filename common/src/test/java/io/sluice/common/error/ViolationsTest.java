package io.sluice.common.error;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void reportsEveryViolationInTheAwsFormatAndOrder() {
        assertThatThrownBy(() -> Violations.check()
                        .notNull("streamName", null)
                        .range("shardCount", 0, 1, 100)
                        .pattern("name", "a b", Pattern.compile("[a-z]+"))
                        .raise())
                .isInstanceOf(AwsException.class)
                .hasMessage("3 validation errors detected: "
                        + "Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; "
                        + "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; "
                        + "Value null at 'streamName' failed to satisfy constraint: Member must not be null");
    }

    /** As AWS answers GetShardIterator with four empty strings: by member, a pattern before a length. */
    @Test
    void ordersByMemberThenPatternBeforeLength() {
        Pattern name = Pattern.compile("[a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> Violations.check()
                        .length("streamName", "", 1, 128).pattern("streamName", "", name)
                        .length("shardId", "", 1, 128).pattern("shardId", "", name)
                        .oneOf("shardIteratorType", "", java.util.List.of("AT_SEQUENCE_NUMBER"))
                        .raise())
                .hasMessage("5 validation errors detected: "
                        + "Value '' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value '' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                        + "Value '' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER]; "
                        + "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void passesValidInput() {
        assertThatCode(() -> Violations.check().length("k", "abc", 1, 3).range("n", 5, 1, 5).raise()).doesNotThrowAnyException();
    }
}

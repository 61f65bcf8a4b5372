package io.sluice.common.error;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void reportsEveryViolationInTheAwsFormatAndOrder() {
        assertThatThrownBy(() -> Violations.check()
                        .range("shardCount", 0, 1, 100)
                        .pattern("name", "a b", Pattern.compile("[a-z]+"))
                        .notNull("streamName", null)
                        .raise())
                .isInstanceOf(AwsException.class)
                .hasMessage("3 validation errors detected: "
                        + "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; "
                        + "Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; "
                        + "Value null at 'streamName' failed to satisfy constraint: Member must not be null");
    }

    /** As AWS answers GetShardIterator with four empty strings: the stream name last, a pattern before a length. */
    @Test
    void ordersAsCheckedWithTheLastMembersLastAndPatternBeforeLength() {
        Pattern name = Pattern.compile("[a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> Violations.check().last("streamName")
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

    /** AWS names ten violations at most (PutRecords with 501 records without a partition key). */
    @Test
    void namesTenAtMost() {
        Violations violations = Violations.check();
        for (int i = 1; i <= 12; i++) {
            violations.notNull("records." + i + ".member.partitionKey", null);
        }
        assertThatThrownBy(violations::raise).hasMessageStartingWith("10 validation errors detected: "
                        + "Value null at 'records.1.member.partitionKey' failed")
                .hasMessageContaining("'records.10.member.partitionKey'").hasMessageNotContaining("records.11");
    }

    @Test
    void passesValidInput() {
        assertThatCode(() -> Violations.check().length("k", "abc", 1, 3).range("n", 5, 1, 5).raise()).doesNotThrowAnyException();
    }
}

package io.sluice.common.error;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void reportsEveryViolationInTheAwsFormat() {
        assertThatThrownBy(() -> Violations.check()
                        .notNull("streamName", null)
                        .range("shardCount", 0, 1, 100)
                        .pattern("name", "a b", Pattern.compile("[a-z]+"))
                        .raise())
                .isInstanceOf(AwsException.class)
                .hasMessage("3 validation errors detected: "
                        + "Value null at 'streamName' failed to satisfy constraint: Member must not be null; "
                        + "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; "
                        + "Value 'a b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+");
    }

    @Test
    void passesValidInput() {
        assertThatCode(() -> Violations.check().length("k", "abc", 1, 3).range("n", 5, 1, 5).raise()).doesNotThrowAnyException();
    }
}

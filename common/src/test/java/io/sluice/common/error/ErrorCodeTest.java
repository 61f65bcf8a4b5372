package io.sluice.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void wireNamesAreUniqueAndMapBack() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName)).doesNotHaveDuplicates();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCode.forWireName(code.wireName())).isEqualTo(code);
        }
    }

    @Test
    void unknownNamesFallBackToInternalFailure() {
        assertThat(ErrorCode.forWireName("NoSuchThingException")).isEqualTo(ErrorCode.INTERNAL_FAILURE);
        assertThat(ErrorCode.INTERNAL_FAILURE.httpStatus()).isEqualTo(500);
        assertThat(ErrorCode.INTERNAL_FAILURE.retryable()).isTrue();
    }

    @Test
    void exceptionsCarryTheirCodeAndNoStackTrace() {
        AwsException e = ErrorCode.RESOURCE_NOT_FOUND.exception("Stream %s not found.", "s");
        assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("Stream s not found.");
        assertThat(e.getStackTrace()).isEmpty();
    }
}

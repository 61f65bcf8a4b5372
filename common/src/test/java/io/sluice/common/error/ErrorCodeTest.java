package io.sluice.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
    }

    @Test
    void exceptionsCarryTheirCodeAndNoStackTrace() {
        AwsException e = ErrorCode.RESOURCE_NOT_FOUND.exception("Stream %s not found.", "s");
        assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("Stream s not found.");
        assertThat(e.getStackTrace()).isEmpty();
    }

    /** The error shapes of the three service models (shared/aws-models), by API, as the models name them. */
    @ParameterizedTest
    @ValueSource(strings = {
        // kinesis-2013-12-02
        "AccessDeniedException", "ExpiredIteratorException", "ExpiredNextTokenException", "InternalFailureException",
        "InvalidArgumentException", "KMSAccessDeniedException", "KMSDisabledException", "KMSInvalidStateException",
        "KMSNotFoundException", "KMSOptInRequired", "KMSThrottlingException", "LimitExceededException",
        "ProvisionedThroughputExceededException", "ResourceInUseException", "ResourceNotFoundException", "ValidationException",
        // firehose-2015-08-04
        "ConcurrentModificationException", "InvalidKMSResourceException", "InvalidSourceException", "ServiceUnavailableException",
        // kinesisanalytics-2015-08-14
        "CodeValidationException", "InvalidApplicationConfigurationException", "ResourceProvisionedThroughputExceededException",
        "TooManyTagsException", "UnableToDetectSchemaException", "UnsupportedOperationException"
    })
    void catalogueHasEveryModelledErrorName(String wireName) {
        ErrorCode code = ErrorCode.forWireName(wireName);
        assertThat(code.wireName()).isEqualTo(wireName);
    }
}

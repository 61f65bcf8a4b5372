package io.sluice.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
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

    /** Every error shape of the three service models (shared/aws-models, beside the clone) is in the catalogue. */
    @ParameterizedTest
    @ValueSource(strings = {"kinesis-2013-12-02.json", "firehose-2015-08-04.json", "kinesisanalytics-2015-08-14.json"})
    void catalogueHasEveryModelledErrorName(String model) throws IOException {
        Path file = Path.of("..", "..", "shared", "aws-models", model);
        Assumptions.assumeTrue(Files.exists(file), "the AWS models are beside the clone");
        JsonNode shapes = new ObjectMapper().readTree(file.toFile()).get("shapes");
        List<String> missing = new ArrayList<>();
        shapes.properties().forEach(e -> {
            JsonNode shape = e.getValue();
            if (shape.has("error") || shape.path("exception").asBoolean()) {
                if (ErrorCode.forWireName(e.getKey()) == ErrorCode.INTERNAL_FAILURE) {
                    missing.add(e.getKey());
                }
            }
        });
        assertThat(missing).as("error shapes of %s without a catalogue entry", model).isEmpty();
    }
}

package io.sluice.firehose.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.AwsException;
import io.sluice.common.error.ErrorCode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Firehose's object keys: prefix expressions, the default time prefix, the suffix, and the checks at creation. */
class ObjectKeysTest {
    private static final Instant ARRIVAL = Instant.parse("2026-11-30T23:59:58Z");
    private static final UUID SEED = UUID.nameUUIDFromBytes("topic/0/42".getBytes());

    private static ObjectKeys.Place place(ZoneId zone, Map<String, String> keys, boolean dynamic) {
        return new ObjectKeys.Place("clicks", 3, ARRIVAL, zone, SEED, keys, dynamic, "processing-failed");
    }

    @Test
    void aPrefixWithoutATimestampGetsTheHourlyTimePrefixAndTheSuffixNamesStreamVersionTimeAndSeed() {
        assertThat(ObjectKeys.key("logs/", place(ZoneOffset.UTC, Map.of(), false), ".gz"))
                .isEqualTo("logs/2026/11/30/23/clicks-3-2026-11-30-23-59-58-" + SEED + ".gz");
        assertThat(ObjectKeys.key(null, place(ZoneOffset.UTC, Map.of(), false), ""))
                .isEqualTo("2026/11/30/23/clicks-3-2026-11-30-23-59-58-" + SEED);
    }

    @Test
    void expressionsEvaluateInTheCustomTimeZoneAndRandomStringsAreDerivedFromTheSeed() {
        ObjectKeys.Place tokyo = place(ObjectKeys.zone("Asia/Tokyo"), Map.of("customer", "acme"), true);
        String evaluated = ObjectKeys.evaluate("y=!{timestamp:yyyy}/d=!{timestamp:MM-dd}/c=!{partitionKeyFromQuery:customer}/"
                + "!{firehose:random-string}/", tokyo);
        assertThat(evaluated).startsWith("y=2026/d=12-01/c=acme/").hasSize("y=2026/d=12-01/c=acme/".length() + 12);
        assertThat(ObjectKeys.evaluate("!{firehose:random-string}", tokyo)).isEqualTo(ObjectKeys.randomString(SEED)).hasSize(11);
        assertThat(ObjectKeys.evaluate("errors/!{firehose:error-output-type}/", place(ZoneOffset.UTC, Map.of(), false)))
                .isEqualTo("errors/processing-failed/2026/11/30/23/");
        assertThat(ObjectKeys.evaluate("c=!{partitionKeyFromLambda:customer}/", tokyo)).as("no time added with dynamic partitioning")
                .isEqualTo("c=acme/");
    }

    @Test
    void malformedPrefixesAreRefusedWithInvalidArgument() {
        for (String bad : new String[] {"a/!{timestamp:yyyy", "!{unknown:x}/", "!{timestamp:}/", "!{timestamp:yyyy-qqqqqq-bbb}",
                "!{firehose:uuid}/", "!{firehose:error-output-type}/", "!{partitionKeyFromQuery:customer}/"}) {
            assertThatThrownBy(() -> ObjectKeys.check("Prefix", bad, false)).as(bad)
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).startsWith("Prefix '" + bad + "' is invalid: ");
                    });
        }
        ObjectKeys.check("Prefix", "c=!{partitionKeyFromQuery:customer}/!{timestamp:yyyy}/", true);
        ObjectKeys.check("ErrorOutputPrefix", "e/!{firehose:error-output-type}/!{timestamp:yyyy}/", false);
        assertThat(ObjectKeys.partitionKeysOf("a=!{partitionKeyFromQuery:a}/b=!{partitionKeyFromLambda:b}/")).containsExactly("a", "b");
    }
}

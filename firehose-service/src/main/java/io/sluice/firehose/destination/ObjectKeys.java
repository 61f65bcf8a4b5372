package io.sluice.firehose.destination;

import io.sluice.common.error.ErrorCode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object keys as Firehose makes them: {@code <evaluated prefix><stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid><extension>}.
 * A prefix may hold {@code !{timestamp:<DateTimeFormatter pattern>}}, {@code !{firehose:random-string}},
 * {@code !{firehose:error-output-type}} (error prefixes only), {@code !{partitionKeyFromQuery:<key>}}
 * and {@code !{partitionKeyFromLambda:<key>}}. Times are the arrival time of the object's oldest
 * record, in UTC or the destination's CustomTimeZone; a prefix without a timestamp expression gets
 * {@code yyyy/MM/dd/HH/} appended unless dynamic partitioning is on. Everything random-looking in
 * a key (the uuid, random strings) is derived from the object's seed, so that delivering the same
 * records again writes the same key.
 */
public final class ObjectKeys {
    private static final Pattern EXPRESSION = Pattern.compile("!\\{([^:{}]*):([^{}]*)}");
    private static final String DEFAULT_TIME = "!{timestamp:yyyy/MM/dd/HH/}";
    private static final DateTimeFormatter SUFFIX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");
    private static final List<String> NAMESPACES = List.of("timestamp", "firehose", "partitionKeyFromQuery", "partitionKeyFromLambda");

    private ObjectKeys() {
    }

    /**
     * Checks a Prefix or ErrorOutputPrefix as CreateDeliveryStream and UpdateDestination do.
     *
     * @param member the member's name as AWS prints it (Prefix, ErrorOutputPrefix)
     * @param dynamicPartitioning whether partition keys may be named
     * @throws io.sluice.common.error.AwsException InvalidArgumentException naming what is wrong
     */
    public static void check(String member, String prefix, boolean dynamicPartitioning) {
        if (prefix == null || prefix.isEmpty()) {
            return;
        }
        String rest = EXPRESSION.matcher(prefix).replaceAll("");
        if (rest.contains("!{")) {
            throw invalid(member, prefix, "an expression is not of the form !{namespace:value}");
        }
        Matcher m = EXPRESSION.matcher(prefix);
        while (m.find()) {
            String namespace = m.group(1);
            String value = m.group(2);
            if (!NAMESPACES.contains(namespace)) {
                throw invalid(member, prefix, "the namespace " + namespace + " is not one of " + String.join(", ", NAMESPACES));
            }
            switch (namespace) {
                case "timestamp" -> {
                    try {
                        DateTimeFormatter.ofPattern(value);
                    } catch (IllegalArgumentException e) {
                        throw invalid(member, prefix, "'" + value + "' is not a valid DateTimeFormatter pattern");
                    }
                    if (value.isEmpty()) {
                        throw invalid(member, prefix, "the timestamp expression is empty");
                    }
                }
                case "firehose" -> {
                    if (!value.equals("random-string") && !value.equals("error-output-type")) {
                        throw invalid(member, prefix, "the firehose namespace takes random-string or error-output-type, not " + value);
                    }
                    if (value.equals("error-output-type") && member.equals("Prefix")) {
                        throw invalid(member, prefix, "!{firehose:error-output-type} can only be used in ErrorOutputPrefix");
                    }
                }
                default -> {
                    if (!dynamicPartitioning) {
                        throw invalid(member, prefix, namespace + " requires dynamic partitioning to be enabled");
                    }
                    if (value.isEmpty()) {
                        throw invalid(member, prefix, "the " + namespace + " expression names no key");
                    }
                }
            }
        }
    }

    private static RuntimeException invalid(String member, String prefix, String why) {
        return ErrorCode.INVALID_ARGUMENT.exception("%s '%s' is invalid: %s.", member, prefix, why);
    }

    /**
     * The key of an object.
     *
     * @param prefix the destination's Prefix (or error prefix), null for the default
     * @param place what the prefix's expressions evaluate to for this object
     * @param extension what ends the name (the FileExtension, or the format's)
     */
    public static String key(String prefix, Place place, String extension) {
        return evaluate(prefix, place) + place.stream() + "-" + place.version() + "-"
                + SUFFIX_TIME.format(place.arrival().atZone(place.zone())) + "-" + place.seed() + extension;
    }

    /** The prefix with its expressions replaced, the default time appended where AWS appends it. */
    static String evaluate(String prefix, Place place) {
        String template = prefix == null ? "" : prefix;
        if (!template.contains("!{timestamp:") && !place.dynamicPartitioning()) {
            template = template + DEFAULT_TIME;
        }
        Matcher m = EXPRESSION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), m.group(2), place)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String namespace, String value, Place place) {
        return switch (namespace) {
            case "timestamp" -> DateTimeFormatter.ofPattern(value).format(place.arrival().atZone(place.zone()));
            case "firehose" -> value.equals("random-string") ? randomString(place.seed()) : place.errorOutputType();
            default -> place.partitionKeys().getOrDefault(value, "");
        };
    }

    /** Eleven characters, as Firehose's random-string has, derived from the seed. */
    static String randomString(UUID seed) {
        String digits = Long.toString(seed.getMostSignificantBits() & Long.MAX_VALUE, 36)
                + Long.toString(seed.getLeastSignificantBits() & Long.MAX_VALUE, 36);
        return (digits + "00000000000").substring(0, 11);
    }

    /** The names of the partition keys a prefix uses, in order. */
    public static List<String> partitionKeysOf(String prefix) {
        List<String> keys = new ArrayList<>();
        if (prefix != null) {
            Matcher m = EXPRESSION.matcher(prefix);
            while (m.find()) {
                if (m.group(1).startsWith("partitionKeyFrom")) {
                    keys.add(m.group(2));
                }
            }
        }
        return keys;
    }

    /** A time zone of CustomTimeZone, UTC when none is given. */
    public static ZoneId zone(String customTimeZone) {
        return customTimeZone == null || customTimeZone.isEmpty() ? ZoneOffset.UTC : ZoneId.of(customTimeZone);
    }

    /**
     * What an object's key is made of.
     *
     * @param stream the delivery stream's name
     * @param version its version when the object was written
     * @param arrival the arrival time of the object's oldest record
     * @param zone the time zone of the key's times
     * @param seed what the object's uuid and random strings are: the same for the same records
     * @param partitionKeys the values of the dynamic partition keys of its records
     * @param dynamicPartitioning whether dynamic partitioning is on
     * @param errorOutputType for an error object, processing-failed, format-conversion-failed, …
     */
    public record Place(String stream, long version, Instant arrival, ZoneId zone, UUID seed, Map<String, String> partitionKeys,
            boolean dynamicPartitioning, String errorOutputType) {
    }
}

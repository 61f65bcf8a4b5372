package io.sluice.gateway;

import io.sluice.common.protocol.AwsService;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the gateway, bound from {@code sluice.gateway.*}.
 *
 * @param streamsUri where the Kinesis Data Streams service listens
 * @param firehoseUri where the Firehose service listens
 * @param analyticsUri where the Kinesis Analytics service listens
 * @param maxRequestSize largest request body accepted (PutRecords' 5 MiB, base64-expanded, fits)
 */
@ConfigurationProperties("sluice.gateway")
public record GatewaySettings(
        @DefaultValue("http://127.0.0.1:4567") String streamsUri,
        @DefaultValue("http://127.0.0.1:4568") String firehoseUri,
        @DefaultValue("http://127.0.0.1:4569") String analyticsUri,
        @DefaultValue("16MB") DataSize maxRequestSize) {

    /** Where requests of {@code service} go. */
    public String uriOf(AwsService service) {
        return switch (service) {
            case KINESIS -> streamsUri;
            case FIREHOSE -> firehoseUri;
            case KINESIS_ANALYTICS -> analyticsUri;
            case GLUE -> firehoseUri;
        };
    }
}

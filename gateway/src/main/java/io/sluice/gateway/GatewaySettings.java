package io.sluice.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the gateway, bound from {@code sluice.gateway.*}.
 *
 * @param streamsUri where the Kinesis Data Streams service listens
 * @param maxRequestSize largest request body accepted (PutRecords' 5 MiB, base64-expanded, fits)
 */
@ConfigurationProperties("sluice.gateway")
public record GatewaySettings(
        @DefaultValue("http://127.0.0.1:4567") String streamsUri,
        @DefaultValue("16MB") DataSize maxRequestSize) {
}

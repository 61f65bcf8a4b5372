package io.sluice.endpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of a service's AWS endpoint, bound from {@code sluice.endpoint.*}.
 *
 * @param maxRequestSize largest request body decoded (PutRecords' 5 MiB, base64-expanded in JSON, fits)
 * @param maxNestingDepth deepest nesting of structures and lists a request may have
 */
@ConfigurationProperties("sluice.endpoint")
public record EndpointProperties(
        @DefaultValue("16MB") DataSize maxRequestSize,
        @DefaultValue("64") int maxNestingDepth) {
}

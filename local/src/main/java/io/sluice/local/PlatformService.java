package io.sluice.local;

import io.sluice.analytics.AnalyticsApplication;
import io.sluice.firehose.FirehoseApplication;
import io.sluice.streams.StreamsApplication;

/**
 * The services a platform can run, each a Spring application with its own configuration file,
 * port and database. The streams service keeps the database name it always had ({@code sluice}
 * by default), so that an existing data directory keeps its streams.
 */
public enum PlatformService {
    STREAMS(StreamsApplication.class, StreamsApplication.CONFIG_NAME, "", "sluice.gateway.streams-uri"),
    FIREHOSE(FirehoseApplication.class, FirehoseApplication.CONFIG_NAME, "_firehose", "sluice.gateway.firehose-uri"),
    ANALYTICS(AnalyticsApplication.class, AnalyticsApplication.CONFIG_NAME, "_analytics", "sluice.gateway.analytics-uri");

    private final Class<?> application;
    private final String configName;
    private final String databaseSuffix;
    private final String gatewayProperty;

    PlatformService(Class<?> application, String configName, String databaseSuffix, String gatewayProperty) {
        this.application = application;
        this.configName = configName;
        this.databaseSuffix = databaseSuffix;
        this.gatewayProperty = gatewayProperty;
    }

    Class<?> application() {
        return application;
    }

    String configName() {
        return configName;
    }

    /** The service's database on the platform's PostgreSQL server. */
    String database(String prefix) {
        return prefix + databaseSuffix;
    }

    /** The gateway setting that says where this service listens. */
    String gatewayProperty() {
        return gatewayProperty;
    }
}

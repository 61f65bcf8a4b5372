package io.sluice.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.analytics.application.Application;
import io.sluice.analytics.application.ApplicationStore;
import io.sluice.analytics.application.ApplicationStoreContract;
import io.sluice.common.account.Caller;
import io.sluice.testsupport.AwsClients;
import io.sluice.testsupport.SharedEngines;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.kinesisanalytics.KinesisAnalyticsClient;
import software.amazon.awssdk.services.kinesisanalytics.model.ApplicationSummary;
import software.amazon.awssdk.services.kinesisanalytics.model.KinesisAnalyticsException;
import software.amazon.awssdk.services.kinesisanalytics.model.ListApplicationsResponse;

/**
 * The Kinesis Analytics service alone on its own database of the shared embedded PostgreSQL,
 * driven by the AWS SDK's KinesisAnalyticsClient; and its application store against the real database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + AnalyticsApplication.CONFIG_NAME)
class AnalyticsServiceIT {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedEngines.postgres().jdbcUrl("analytics_it"));
        registry.add("spring.datasource.username", () -> SharedEngines.postgres().user());
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationStore store;

    @Test
    void listsApplicationsAPageAtATimeWithTheirArns() {
        Caller caller = new Caller("000000000000", "us-east-1");
        for (String name : new String[] {"sessions", "anomalies", "top-pages"}) {
            store.create(new Application(caller, name, "READY", 1, Instant.now()));
        }
        try (KinesisAnalyticsClient analytics = AwsClients.analytics(URI.create("http://127.0.0.1:" + port))) {
            ListApplicationsResponse first = analytics.listApplications(b -> b.limit(2));
            assertThat(first.applicationSummaries()).extracting(ApplicationSummary::applicationName)
                    .containsExactly("anomalies", "sessions");
            assertThat(first.applicationSummaries().get(0).applicationARN())
                    .isEqualTo("arn:aws:kinesisanalytics:us-east-1:000000000000:application/anomalies");
            assertThat(first.applicationSummaries().get(0).applicationStatusAsString()).isEqualTo("READY");
            assertThat(first.hasMoreApplications()).isTrue();
            ListApplicationsResponse rest = analytics.listApplications(b -> b.limit(2).exclusiveStartApplicationName("sessions"));
            assertThat(rest.applicationSummaries()).extracting(ApplicationSummary::applicationName).containsExactly("top-pages");
            assertThat(rest.hasMoreApplications()).isFalse();

            assertThatThrownBy(() -> analytics.listApplications(b -> b.limit(51)))
                    .isInstanceOfSatisfying(KinesisAnalyticsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        }
    }

    /** The JPA store passes the same contract as its in-memory twin, on the real database. */
    @Nested
    class JpaStore extends ApplicationStoreContract {
        @Override
        protected ApplicationStore store() {
            return store;
        }
    }
}

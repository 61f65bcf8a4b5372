package io.sluice.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + AnalyticsApplication.CONFIG_NAME)
class AnalyticsApplicationTest {
    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void startsAndServesHttp() {
        assertThat(context.getEnvironment().getProperty("spring.application.name")).isEqualTo("analytics-service");
        assertThat(port).isPositive();
    }
}

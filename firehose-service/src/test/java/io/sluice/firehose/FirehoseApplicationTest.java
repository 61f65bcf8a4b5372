package io.sluice.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + FirehoseApplication.CONFIG_NAME)
class FirehoseApplicationTest {
    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void startsAndServesHttp() {
        assertThat(context.getEnvironment().getProperty("spring.application.name")).isEqualTo("firehose-service");
        assertThat(port).isPositive();
    }
}

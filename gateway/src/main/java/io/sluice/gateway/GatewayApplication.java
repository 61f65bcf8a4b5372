package io.sluice.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The single public endpoint of Sluice: authenticates requests and routes them to the services. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {
    /** The name of this service's configuration file, distinct so that services can share a classpath. */
    public static final String CONFIG_NAME = "gateway";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(GatewayApplication.class);
        app.setWebApplicationType(WebApplicationType.REACTIVE);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}

package io.sluice.streams.directory;

import io.sluice.kafka.directory.HttpStreamDirectory;
import io.sluice.streams.metadata.StreamKey;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stream directory on the service's internal port, for the other Sluice services
 * ({@link HttpStreamDirectory} is its client). The gateway never routes this path.
 */
@RestController
class StreamDirectoryController {
    private final StreamDirectoryService directory;

    StreamDirectoryController(StreamDirectoryService directory) {
        this.directory = directory;
    }

    @GetMapping(HttpStreamDirectory.PATH + "{accountId}/{region}/{name}")
    ResponseEntity<byte[]> locate(@PathVariable String accountId, @PathVariable String region, @PathVariable String name) {
        return directory.locate(new StreamKey(accountId, region, name))
                .map(location -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(location.toJson()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}

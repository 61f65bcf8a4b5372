package io.sluice.firehose.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.account.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every delivery stream store does, the JPA one on PostgreSQL and its in-memory twin alike. */
public abstract class DeliveryStreamStoreContract {
    /** A fresh account per test, so that stores shared between tests start empty for it. */
    private final Caller owner = new Caller(String.format("%012d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L)), "us-east-1");

    protected abstract DeliveryStreamStore store();

    private DeliveryStream stream(Caller caller, String name, String type) {
        return new DeliveryStream(caller, name, type, "ACTIVE", 1, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void createsOnceAndFindsByOwnerAndName() {
        DeliveryStream logs = stream(owner, "logs", "DirectPut");
        assertThat(store().create(logs)).isTrue();
        assertThat(store().create(stream(owner, "logs", "KinesisStreamAsSource"))).as("same name again").isFalse();
        assertThat(store().find(owner, "logs")).contains(logs);
        assertThat(store().find(new Caller(owner.accountId(), "eu-west-1"), "logs")).as("another region").isEmpty();
        long before = store().count(owner);
        store().create(stream(owner, "logs-2", "DirectPut"));
        store().create(stream(new Caller(owner.accountId(), "eu-west-1"), "logs-3", "DirectPut"));
        assertThat(store().count(owner)).as("counted within the owner").isEqualTo(before + 1);
    }

    @Test
    void listsInNameOrderAfterAKeyByTypeAndWithinTheOwner() {
        for (String name : new String[] {"c", "a", "b", "d"}) {
            store().create(stream(owner, name, name.equals("b") ? "KinesisStreamAsSource" : "DirectPut"));
        }
        store().create(stream(new Caller(owner.accountId(), "eu-west-1"), "a2", "DirectPut"));
        assertThat(store().list(owner, null, "", 10)).extracting(DeliveryStream::name).containsExactly("a", "b", "c", "d");
        assertThat(store().list(owner, null, "a", 2)).extracting(DeliveryStream::name).containsExactly("b", "c");
        assertThat(store().list(owner, "DirectPut", "a", 10)).extracting(DeliveryStream::name).containsExactly("c", "d");
        assertThat(store().list(owner, "KinesisStreamAsSource", "", 10)).extracting(DeliveryStream::name).containsExactly("b");
    }

    @Test
    void keepsTheDestinationTagsAndStatusChangesOfAnUpdate() {
        io.sluice.firehose.destination.S3Destination s3 = new io.sluice.firehose.destination.S3Destination(
                "arn:aws:iam::000000000000:role/r", "arn:aws:s3:::lake", "logs/", "errors/",
                new io.sluice.firehose.destination.BufferingHints(1, 60), "GZIP", null, null,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("Enabled", false),
                "Disabled", null, null, null, ".gz", "Europe/Paris");
        DeliveryStream stream = new DeliveryStream(owner, "configured", "DirectPut", "CREATING", 1, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), new io.sluice.firehose.destination.Destination(s3, true), null,
                java.util.Map.of("team", "data"));
        store().create(stream);
        assertThat(store().find(owner, "configured")).contains(stream);
        Instant later = stream.createdAt().plusSeconds(5);
        DeliveryStream failed = store().update(owner, "configured",
                s -> s.withStatus("CREATING_FAILED", new FailureDescription("UNKNOWN_ERROR", "no bucket"), later)).orElseThrow();
        assertThat(store().find(owner, "configured")).contains(failed);
        assertThat(failed.failure().details()).isEqualTo("no bucket");
        assertThat(store().withStatus(java.util.List.of("CREATING_FAILED"))).contains(failed);
        assertThat(store().update(owner, "missing", s -> s)).isEmpty();

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DeliveryStream sourced = new DeliveryStream(owner, "sourced", "KinesisStreamAsSource", "ACTIVE", 1, now, now,
                new io.sluice.firehose.destination.Destination(s3, true), null, java.util.Map.of(),
                new StreamEncryption("ENABLED", "AWS_OWNED_CMK", null, new byte[] {1, 2, 3}),
                new KinesisSource("arn:aws:kinesis:us-east-1:000000000000:stream/s", "arn:aws:iam::000000000000:role/r", now));
        store().create(sourced);
        DeliveryStream found = store().find(owner, "sourced").orElseThrow();
        assertThat(found.source()).isEqualTo(sourced.source());
        assertThat(found.encryption().status()).isEqualTo("ENABLED");
        assertThat(found.encryption().wrappedDataKey()).containsExactly(1, 2, 3);
    }

    @Test
    void deletesWhatItHas() {
        store().create(stream(owner, "gone", "DirectPut"));
        assertThat(store().delete(owner, "gone")).isTrue();
        assertThat(store().delete(owner, "gone")).isFalse();
        assertThat(store().find(owner, "gone")).isEmpty();
    }
}

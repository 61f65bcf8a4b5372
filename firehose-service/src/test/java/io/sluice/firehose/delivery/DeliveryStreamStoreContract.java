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
    void deletesWhatItHas() {
        store().create(stream(owner, "gone", "DirectPut"));
        assertThat(store().delete(owner, "gone")).isTrue();
        assertThat(store().delete(owner, "gone")).isFalse();
        assertThat(store().find(owner, "gone")).isEmpty();
    }
}

package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;
import java.util.List;
import java.util.Optional;

/**
 * Where delivery streams are kept: PostgreSQL in the service ({@link JpaDeliveryStreamStore}), memory
 * in unit tests of the logic above it ({@link MemoryDeliveryStreamStore}). Both pass the same
 * contract test.
 */
public interface DeliveryStreamStore {

    /**
     * Adds a delivery stream.
     *
     * @return false when the owner already has one of that name (nothing is changed)
     */
    boolean create(DeliveryStream stream);

    Optional<DeliveryStream> find(Caller owner, String name);

    /**
     * The owner's delivery streams in name order, after {@code after} ("" for the first), of
     * {@code type} (null for all), at most {@code limit} of them.
     */
    List<DeliveryStream> list(Caller owner, String type, String after, int limit);

    /**
     * Applies {@code change} to the delivery stream and keeps what it returns (owner and name stay).
     *
     * @return the changed stream, or empty when there is none
     */
    Optional<DeliveryStream> update(Caller owner, String name, java.util.function.UnaryOperator<DeliveryStream> change);

    /** How many delivery streams the owner has, in any status. */
    long count(Caller owner);

    /** Every delivery stream in one of {@code statuses}, of every owner (the lifecycle resumes them at start). */
    List<DeliveryStream> withStatus(java.util.Collection<String> statuses);

    /** @return whether there was such a delivery stream */
    boolean delete(Caller owner, String name);
}

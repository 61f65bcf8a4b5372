package io.sluice.firehose.delivery;

import io.sluice.common.account.Caller;

/** Published once a deleted delivery stream is gone, so that what was kept for it goes too. */
public record DeliveryStreamDeleted(Caller owner, String name) {
}

package io.sluice.common.arn;

import java.util.Optional;
import java.util.regex.Pattern;

/** The ARN of a Firehose delivery stream: {@code arn:aws:firehose:<region>:<account>:deliverystream/<name>}. */
public record DeliveryStreamArn(String region, String accountId, String deliveryStreamName) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

    public static Optional<DeliveryStreamArn> parse(String text) {
        return Arn.parse(text)
                .filter(a -> a.service().equals("firehose") && a.accountId().matches("\\d{12}")
                        && a.resourceType().equals("deliverystream"))
                .map(a -> new DeliveryStreamArn(a.region(), a.accountId(), a.resource().substring("deliverystream/".length())))
                .filter(a -> NAME.matcher(a.deliveryStreamName()).matches());
    }

    @Override
    public String toString() {
        return "arn:aws:firehose:" + region + ":" + accountId + ":deliverystream/" + deliveryStreamName;
    }
}

package io.sluice.common.access;

/**
 * Who a request is from, once the gateway has verified its signature: the account its access key
 * belongs to, the principal's ARN ({@code arn:aws:iam::<account>:user/<access key id>}), and the key's
 * identity policy (null: the key may do anything its account may).
 */
public record Principal(String accountId, String arn, Policy policy) {

    /** The principal an access key stands for. */
    public static String arnOf(String accountId, String accessKeyId) {
        return "arn:aws:iam::" + accountId + ":user/" + accessKeyId;
    }
}

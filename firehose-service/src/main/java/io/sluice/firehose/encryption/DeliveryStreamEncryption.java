package io.sluice.firehose.encryption;

import io.sluice.common.account.Caller;
import io.sluice.common.error.ErrorCode;
import io.sluice.common.error.RetryPolicy;
import io.sluice.common.error.Violations;
import io.sluice.common.work.BackgroundSteps;
import io.sluice.endpoint.CallerScope;
import io.sluice.firehose.config.FirehoseProperties;
import io.sluice.firehose.delivery.DeliveryStream;
import io.sluice.firehose.delivery.DeliveryStreamCache;
import io.sluice.firehose.delivery.DeliveryStreamService;
import io.sluice.firehose.delivery.DeliveryStreamStore;
import io.sluice.firehose.delivery.StreamEncryption;
import io.sluice.common.crypto.MasterKey;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Service;

/**
 * StartDeliveryStreamEncryption and StopDeliveryStreamEncryption: ENABLING then ENABLED, DISABLING
 * then DISABLED, after the transition delay. A stream's data key is made (wrapped by the master
 * key) the first time encryption starts and kept: records sealed with it stay readable after a stop.
 */
@Service
public class DeliveryStreamEncryption implements AutoCloseable {

    private final DeliveryStreamStore store;
    private final DeliveryStreamCache cache;
    private final CallerScope callers;
    private final MasterKey master;
    private final Clock clock;
    private final Duration delay;
    private final BackgroundSteps steps = new BackgroundSteps("delivery-stream-encryption", RetryPolicy.background());

    DeliveryStreamEncryption(DeliveryStreamStore store, DeliveryStreamCache cache, CallerScope callers, MasterKey master, Clock clock,
            FirehoseProperties properties) {
        this.store = store;
        this.cache = cache;
        this.callers = callers;
        this.master = master;
        this.clock = clock;
        this.delay = properties.transitionDelay();
    }

    /**
     * @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException,
     *     ResourceInUseException (not ACTIVE, or encryption changing), InvalidArgumentException (a
     *     KinesisStreamAsSource stream; a key input Firehose refuses), InvalidKMSResourceException
     *     (no master key configured)
     */
    public void start(EncryptionRequest request) {
        Violations violations = DeliveryStreamService.checkName(Violations.check(), request.deliveryStreamName());
        if (request.keyInput() != null) {
            StreamEncryption.check(violations, request.keyInput().keyType(), request.keyInput().keyArn(),
                    "deliveryStreamEncryptionConfigurationInput");
        }
        violations.raise();
        EncryptionRequest.KeyInput input = request.keyInput() == null ? new EncryptionRequest.KeyInput(null, null) : request.keyInput();
        if (!master.configured()) {
            throw ErrorCode.INVALID_KMS_RESOURCE.exception("No master key is configured for server-side encryption "
                    + "(sluice.firehose.encryption.master-key).");
        }
        change(request.deliveryStreamName(), "ENABLING", stream -> {
            if (!stream.type().equals("DirectPut")) {
                throw ErrorCode.INVALID_ARGUMENT.exception(
                        "Server-side encryption is not supported for %s delivery streams; the source stream's encryption applies.",
                        stream.type());
            }
            byte[] wrapped = stream.encryption() != null && stream.encryption().wrappedDataKey() != null
                    ? stream.encryption().wrappedDataKey() : master.wrap(master.newDataKey());
            return StreamEncryption.enabling(input.keyType(), input.keyArn(), wrapped);
        });
    }

    /** @throws io.sluice.common.error.AwsException ValidationException, ResourceNotFoundException, ResourceInUseException */
    public void stop(EncryptionRequest request) {
        checkName(request);
        change(request.deliveryStreamName(), "DISABLING", stream -> stream.encryption() == null
                ? new StreamEncryption("DISABLING", "AWS_OWNED_CMK", null, null) : stream.encryption().withStatus("DISABLING"));
    }

    private void change(String name, String to, java.util.function.Function<DeliveryStream, StreamEncryption> next) {
        Caller caller = callers.current();
        store.update(caller, name, stream -> {
            if (!stream.status().equals("ACTIVE")) {
                throw ErrorCode.RESOURCE_IN_USE.exception("Firehose stream %s under account %s is not ACTIVE, instead in state %s.",
                        name, caller.accountId(), stream.status());
            }
            String current = stream.encryption() == null ? "DISABLED" : stream.encryption().status();
            if (current.equals("ENABLING") || current.equals("DISABLING")) {
                throw ErrorCode.RESOURCE_IN_USE.exception("Firehose stream %s under account %s is %s server-side encryption.",
                        name, caller.accountId(), current.toLowerCase());
            }
            return stream.withEncryption(next.apply(stream), clock.instant());
        }).orElseThrow(() -> ErrorCode.RESOURCE_NOT_FOUND.exception("Firehose stream %s under account %s not found.",
                name, caller.accountId()));
        cache.evict(caller, name);
        String done = to.equals("ENABLING") ? "ENABLED" : "DISABLED";
        steps.schedule(to.toLowerCase() + " encryption of delivery stream " + name, delay, () -> {
            store.update(caller, name, s -> s.encryption() != null && s.encryption().status().equals(to)
                    ? s.withEncryption(s.encryption().withStatus(done), clock.instant()) : s);
            cache.evict(caller, name);
        });
    }

    private static void checkName(EncryptionRequest request) {
        DeliveryStreamService.checkName(Violations.check(), request.deliveryStreamName()).raise();
    }

    @Override
    public void close() throws InterruptedException {
        steps.close();
    }
}

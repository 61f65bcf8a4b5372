package io.sluice.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code ./sluice-local --tls}: a self-signed certificate for {@code localhost} and
 * {@code 127.0.0.1}, made once in the data directory with the JDK's keytool, which the gateway
 * serves HTTPS (HTTP/1.1 and HTTP/2 by ALPN) with; beside it the certificate as PEM and a trust
 * store, for clients to trust.
 *
 * @param keyStore the gateway's key and certificate (PKCS#12)
 * @param password the key store's password (kept beside it, readable by its owner only)
 * @param certificate the certificate as PEM ({@code AWS_CA_BUNDLE} for the AWS CLI and boto3)
 * @param trustStore a PKCS#12 trust store holding the certificate (password {@link #TRUST_STORE_PASSWORD}), for Java clients
 */
record LocalTls(Path keyStore, String password, Path certificate, Path trustStore) {
    static final String TRUST_STORE_PASSWORD = "changeit";
    private static final String ALIAS = "sluice-local";

    /** The certificate of {@code directory}, made on first use. */
    static LocalTls in(Path directory) throws IOException {
        Path keyStore = directory.resolve("sluice.p12");
        Path passwordFile = directory.resolve("sluice.p12.password");
        Path certificate = directory.resolve("sluice.pem");
        Path trustStore = directory.resolve("truststore.p12");
        if (Files.exists(keyStore) && Files.exists(passwordFile) && Files.exists(certificate) && Files.exists(trustStore)) {
            return new LocalTls(keyStore, Files.readString(passwordFile, StandardCharsets.US_ASCII).trim(), certificate, trustStore);
        }
        Files.createDirectories(directory);
        for (Path stale : List.of(keyStore, passwordFile, certificate, trustStore)) {
            Files.deleteIfExists(stale);
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Files.writeString(passwordFile, password + "\n", StandardCharsets.US_ASCII);
        SluiceLocal.ownerOnly(passwordFile);
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "825",
                "-dname", "CN=localhost, O=Sluice local", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:0:0:0:0:0:0:0:1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password);
        SluiceLocal.ownerOnly(keyStore);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storepass", password,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", TRUST_STORE_PASSWORD);
        return new LocalTls(keyStore, password, certificate, trustStore);
    }

    /** Spring Boot's server.ssl settings of the gateway for this certificate. */
    Map<String, String> gatewayProperties() {
        return Map.of(
                SluicePlatform.GATEWAY_TLS + "key-store", keyStore.toString(),
                SluicePlatform.GATEWAY_TLS + "key-store-password", password,
                SluicePlatform.GATEWAY_TLS + "key-store-type", "PKCS12",
                SluicePlatform.GATEWAY_TLS + "key-alias", ALIAS);
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while keytool ran", e);
        }
    }
}

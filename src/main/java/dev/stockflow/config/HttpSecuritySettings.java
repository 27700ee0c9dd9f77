package dev.stockflow.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The settings that protect the HTTP API: TLS and bearer tokens, defined once here. */
public final class HttpSecuritySettings {

    public static final String KEYSTORE_LOCATION_CONFIG = "http.tls.keystore.location";
    public static final String KEYSTORE_PASSWORD_CONFIG = "http.tls.keystore.password";
    public static final String TRUSTSTORE_LOCATION_CONFIG = "http.tls.truststore.location";
    public static final String TRUSTSTORE_PASSWORD_CONFIG = "http.tls.truststore.password";
    public static final String TOKENS_FILE_CONFIG = "http.auth.tokens.file";
    public static final String METRICS_OPEN_CONFIG = "http.auth.metrics.open";

    private HttpSecuritySettings() {
    }

    /** Adds the settings to the definition. */
    static ConfigDef define(final ConfigDef definition) {
        return definition
                .define(KEYSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.HIGH,
                        "PKCS12 keystore with the private key and certificate of the HTTP API. Set, the API "
                                + "speaks https only (and forwards lookups to other instances over https); the "
                                + "certificate must name the host of application.server.")
                .define(KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH,
                        "Password of the HTTP keystore and of its key.")
                .define(TRUSTSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.LOW,
                        "PKCS12 truststore with the certificates trusted when a lookup is forwarded to the "
                                + "instance owning the key over https. Empty: the certificates of "
                                + KEYSTORE_LOCATION_CONFIG + " (instances sharing one certificate or its CA).")
                .define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        "Password of the HTTP truststore.")
                .define(TOKENS_FILE_CONFIG, Type.STRING, "", Importance.HIGH,
                        "File of bearer tokens, one per line (blank lines and lines starting with # are "
                                + "skipped). Set, every path but /health/live, /health/ready and the status "
                                + "page's HTML at / answers 401 without Authorization: Bearer <token>. Read "
                                + "again every second: tokens rotate without a restart.")
                .define(METRICS_OPEN_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                        "With " + TOKENS_FILE_CONFIG + ", let /metrics answer without a token (for scrapers "
                                + "that cannot send one).");
    }
}

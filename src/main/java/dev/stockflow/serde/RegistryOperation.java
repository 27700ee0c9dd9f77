package dev.stockflow.serde;

import java.io.IOException;

/**
 * One kind of registry call on one subject or schema id, and how its failures read: every message says
 * what was asked, about which subject or id, of which registry, and what the registry answered.
 */
record RegistryOperation(String description, String subject, Integer id) {

    static RegistryOperation register(final String subject) {
        return new RegistryOperation("registering a schema under subject '" + subject + "'", subject, null);
    }

    static RegistryOperation lookUp(final String subject) {
        return new RegistryOperation("looking up a schema under subject '" + subject + "'", subject, null);
    }

    static RegistryOperation fetch(final int id) {
        return new RegistryOperation("fetching schema id " + id, null, id);
    }

    /** The registry refused (4xx) or failed (5xx). */
    SchemaRegistryException failure(final RegistryReply reply) {
        final int code = reply.errorCode();
        return new SchemaRegistryException(code, summary(code, reply.status()) + ": " + reply.registryMessage()
                + " (error code " + code + ", HTTP " + reply.status() + ", registry " + reply.registry() + ")");
    }

    /** No answer: connection refused, TLS handshake failure, timeout. */
    SchemaRegistryException unreachable(final RegistryEndpoint registry, final IOException cause) {
        return new SchemaRegistryException(SchemaRegistryErrors.UNREACHABLE,
                "Schema Registry " + registry + " did not answer while " + description + ": " + cause, cause);
    }

    /**
     * An https registry that was reached but refused the TLS handshake, or ended the connection without an answer
     * (under TLS 1.3 a server that wants a client certificate often just closes the connection).
     *
     * @param hint which settings to check, given the client's own TLS settings
     */
    SchemaRegistryException tlsRefused(final RegistryEndpoint registry, final IOException cause, final String hint) {
        return new SchemaRegistryException(SchemaRegistryErrors.UNREACHABLE,
                "TLS handshake with Schema Registry " + registry + " failed while " + description
                        + " (it refused the handshake or closed the connection: " + cause + "). " + hint, cause);
    }

    /** The registry answered 2xx with something that is not what the API promises. */
    SchemaRegistryException unexpected(final RegistryReply reply, final String problem) {
        return new SchemaRegistryException(SchemaRegistryErrors.UNEXPECTED_RESPONSE,
                "Unexpected answer from Schema Registry " + reply.registry() + " while " + description + ": "
                        + problem);
    }

    /** Every attempt failed; keeps the last failure's code so callers can still tell what happened. */
    SchemaRegistryException exhausted(final int attempts, final SchemaRegistryException last) {
        return new SchemaRegistryException(last.errorCode(),
                "Schema Registry unavailable: gave up " + description + " after " + attempts + " attempts; last error: "
                        + last.getMessage(), last);
    }

    SchemaRegistryException interrupted(final InterruptedException cause) {
        return new SchemaRegistryException(SchemaRegistryErrors.UNREACHABLE, "Interrupted while " + description, cause);
    }

    private String summary(final int code, final int status) {
        if (status == 401 || status == 403) {
            return "Not authorised " + description + " (check " + SchemaRegistrySettings.BASIC_AUTH_USER_INFO_CONFIG
                    + " or the credentials in " + SchemaRegistrySettings.URL_CONFIG + ")";
        }
        switch (code) {
            case SchemaRegistryErrors.SUBJECT_NOT_FOUND:
                return "Subject '" + subject + "' not found";
            case SchemaRegistryErrors.SCHEMA_NOT_FOUND:
                return subject != null ? "Schema not registered under subject '" + subject + "'" : "Schema id " + id
                        + " not found";
            case SchemaRegistryErrors.INVALID_SCHEMA:
                return "Invalid schema for subject '" + subject + "'";
            case SchemaRegistryErrors.INCOMPATIBLE_SCHEMA, SchemaRegistryErrors.INCOMPATIBLE_SCHEMA_SUBCODE:
                return "Schema incompatible with the earlier versions of subject '" + subject
                        + "' under its compatibility level";
            default:
                return "Schema Registry error while " + description;
        }
    }
}

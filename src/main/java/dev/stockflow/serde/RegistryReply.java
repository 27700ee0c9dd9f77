package dev.stockflow.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An HTTP answer from a registry: the status, the body as JSON (a missing node when it is not JSON, as
 * from a proxy's HTML error page) and which registry answered.
 */
record RegistryReply(int status, JsonNode json, String body, RegistryEndpoint registry) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUOTED_BODY = 200;

    static RegistryReply of(final int status, final String body, final RegistryEndpoint registry) {
        return new RegistryReply(status, parse(body), body, registry);
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** 5xx: the registry, not the request, is at fault, so another try (or another URL) may succeed. */
    boolean isServerError() {
        return status >= 500;
    }

    /** The Confluent {@code error_code} of an error body, or the HTTP status when there is none. */
    int errorCode() {
        final JsonNode code = json.path("error_code");
        return code.canConvertToInt() ? code.asInt() : status;
    }

    /** The registry's own explanation: the {@code message} of an error body, else the start of the body. */
    String registryMessage() {
        final JsonNode message = json.path("message");
        if (message.isTextual()) {
            return message.asText();
        }
        final String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return "HTTP " + status + " with an empty body";
        }
        return text.length() <= MAX_QUOTED_BODY ? text : text.substring(0, MAX_QUOTED_BODY) + "...";
    }

    private static JsonNode parse(final String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (final JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}

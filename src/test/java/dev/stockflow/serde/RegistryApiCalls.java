package dev.stockflow.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Plain HTTP calls to a registry's REST API, as curl or another team's tooling would make them: what a test
 * of the API itself needs, beside Stockflow's own client, which only registers, looks up and fetches.
 */
final class RegistryApiCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    RegistryApiCalls(final String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code PUT /config/{subject}} (or {@code /config} for a null subject) with {@code {"compatibility": level}}. */
    Answer setCompatibility(final String subject, final String level) throws IOException, InterruptedException {
        final String path = subject == null ? "/config" : "/config/" + subject;
        return send("PUT", path, JSON.writeValueAsString(Map.of("compatibility", level)));
    }

    Answer get(final String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    /** {@code POST /subjects/{subject}/versions}. */
    Answer register(final String subject, final Schema schema) throws IOException, InterruptedException {
        return send("POST", "/subjects/" + subject + "/versions", body(schema));
    }

    /** {@code POST /compatibility/subjects/{subject}/versions...}; the path's tail after the subject. */
    Answer checkCompatibility(final String subject, final String versionsAndQuery, final Schema schema)
            throws IOException, InterruptedException {
        return send("POST", "/compatibility/subjects/" + subject + versionsAndQuery, body(schema));
    }

    private static String body(final Schema schema) throws IOException {
        return JSON.writeValueAsString(Map.of("schema", schema.toString()));
    }

    private Answer send(final String method, final String path, final String body)
            throws IOException, InterruptedException {
        final HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        final HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", CONTENT_TYPE)
                .method(method, publisher)
                .build();
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** The HTTP status and the JSON body of an answer. */
    record Answer(int status, JsonNode json) {
    }
}

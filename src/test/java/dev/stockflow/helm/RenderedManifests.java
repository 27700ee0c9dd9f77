package dev.stockflow.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.StreamSupport;

/** The Kubernetes objects of one `helm template` output, parsed from its YAML documents. */
final class RenderedManifests {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> objects;

    private RenderedManifests(final List<JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    static RenderedManifests parse(final String multiDocumentYaml) {
        final List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(multiDocumentYaml)) {
            while (documents.hasNext()) {
                final JsonNode document = documents.next();
                if (document != null && document.isObject()) {
                    objects.add(document);
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedManifests(objects);
    }

    /** The kind of every object, one entry per object. */
    List<String> kinds() {
        return objects.stream().map(object -> object.path("kind").asText()).toList();
    }

    List<JsonNode> ofKind(final String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
    }

    JsonNode single(final String kind) {
        final List<JsonNode> matches = ofKind(kind);
        if (matches.size() != 1) {
            throw new AssertionError("expected one " + kind + " but found " + matches.size());
        }
        return matches.get(0);
    }

    JsonNode named(final String kind, final String name) {
        return ofKind(kind).stream()
                .filter(object -> name.equals(object.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    JsonNode statefulSet() {
        return single("StatefulSet");
    }

    /** The Stockflow container of the StatefulSet's pod template. */
    JsonNode container() {
        return statefulSet().at("/spec/template/spec/containers/0");
    }

    /** The environment variable with that name, or a missing node. */
    JsonNode env(final String name) {
        return StreamSupport.stream(container().path("env").spliterator(), false)
                .filter(variable -> name.equals(variable.path("name").asText()))
                .findFirst()
                .orElse(YAML.missingNode());
    }

    JsonNode volumeMount(final String name) {
        return elementNamed(container().path("volumeMounts"), name, "volume mount");
    }

    JsonNode volume(final String name) {
        return elementNamed(statefulSet().at("/spec/template/spec/volumes"), name, "volume");
    }

    /** The stockflow.properties that the ConfigMap hands to Stockflow's --config. */
    Properties stockflowProperties() {
        final Properties properties = new Properties();
        try {
            properties.load(new StringReader(
                    named("ConfigMap", StockflowChart.RELEASE).at("/data/stockflow.properties").asText()));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    boolean hasDashboard() {
        return ofKind("ConfigMap").stream().anyMatch(configMap -> configMap.at("/data/stockflow.json").isTextual());
    }

    /** The Grafana dashboard carried by the dashboard ConfigMap, parsed as strict JSON as Grafana does. */
    JsonNode dashboard() {
        final String json = named("ConfigMap", StockflowChart.RELEASE + "-dashboard").at("/data/stockflow.json").asText();
        try {
            return JSON.readTree(json);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode elementNamed(final JsonNode list, final String name, final String what) {
        return StreamSupport.stream(list.spliterator(), false)
                .filter(element -> name.equals(element.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + what + " named " + name));
    }
}

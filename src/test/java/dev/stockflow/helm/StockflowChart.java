package dev.stockflow.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** The chart under helm/stockflow, linted and rendered by Helm's own library, as `helm template` would. */
final class StockflowChart {

    static final String RELEASE = "stockflow";
    static final String NAMESPACE = "shop";
    static final String HEADLESS_SERVICE = RELEASE + "-headless";
    /** A Kubernetes version the chart supports; Helm's built-in default is older than its kubeVersion. */
    private static final String KUBE_VERSION = "1.31.0";

    private StockflowChart() {
    }

    static Path directory() {
        return Path.of(System.getProperty("basedir", ".")).resolve("helm").resolve("stockflow");
    }

    static Path productionValues() {
        try {
            return Path.of(StockflowChart.class.getResource("/helm/values-production.yaml").toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** values-production.yaml plus TLS and tokens on the HTTP API and mutual TLS to Kafka and the registry. */
    static Path securedValues() {
        try {
            return Path.of(StockflowChart.class.getResource("/helm/values-secured.yaml").toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static RenderedManifests renderSecured(final Map<String, Object> overrides) {
        return render(overrides, productionValues(), securedValues());
    }

    static LintResult lint() {
        return new Helm(directory()).lint().strict().call();
    }

    static RenderedManifests renderDefaults() {
        return render(Map.of());
    }

    static RenderedManifests renderProduction() {
        return render(Map.of(), productionValues());
    }

    /** Renders with the given values files (later ones win) and then the --set overrides. */
    static RenderedManifests render(final Map<String, Object> overrides, final Path... valuesFiles) {
        TemplateCommand template = new Helm(directory()).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (final Path valuesFile : valuesFiles) {
            template = template.withValuesFile(valuesFile);
        }
        for (final Map.Entry<String, Object> override : overrides.entrySet()) {
            template = template.set(override.getKey(), override.getValue());
        }
        return RenderedManifests.parse(template.call());
    }
}

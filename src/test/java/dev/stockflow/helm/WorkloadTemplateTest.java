package dev.stockflow.helm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The StatefulSet, its Services and its PodDisruptionBudget. */
class WorkloadTemplateTest {

    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)");
    private static final long MIB = 1024L * 1024L;

    private static RenderedManifests defaults;
    private static RenderedManifests production;

    @BeforeAll
    static void render() {
        defaults = StockflowChart.renderDefaults();
        production = StockflowChart.renderProduction();
    }

    @Test
    void shouldProbeLivenessAndReadinessOnTheHealthEndpointsOfTheHttpPort() {
        // Given
        final JsonNode container = production.container();

        // When
        final JsonNode liveness = container.at("/livenessProbe/httpGet");
        final JsonNode readiness = container.at("/readinessProbe/httpGet");

        // Then
        assertThat(liveness.path("path").asText()).isEqualTo("/health/live");
        assertThat(readiness.path("path").asText()).isEqualTo("/health/ready");
        assertThat(liveness.path("port").asText()).isEqualTo("http");
        assertThat(readiness.path("port").asText()).isEqualTo("http");
        assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
        assertThat(container.at("/ports/0/containerPort").asText())
                .isEqualTo(production.stockflowProperties().getProperty("http.port"));
    }

    @Test
    void shouldNeverRestartAPodBecauseItIsRestoringItsState() {
        // Given: /health/ready answers 503 for as long as a store restores, which can take hours
        final JsonNode container = production.container();

        // When
        final JsonNode startup = container.at("/startupProbe/httpGet");
        final JsonNode liveness = container.at("/livenessProbe/httpGet");

        // Then: the probes that restart a pod ask only whether the process serves; readiness only takes it out
        // of the Service
        assertThat(startup.path("path").asText()).isEqualTo("/health/live");
        assertThat(liveness.path("path").asText()).isEqualTo("/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(production.named("Service", StockflowChart.HEADLESS_SERVICE).at("/spec/publishNotReadyAddresses")
                .asBoolean()).as("restoring pods stay reachable for routed lookups and scrapes").isTrue();
    }

    @Test
    void shouldKeepTheStateDirOnAVolumeClaimedPerPod() {
        // Given
        final JsonNode statefulSet = production.statefulSet();

        // When
        final JsonNode claim = statefulSet.at("/spec/volumeClaimTemplates/0");
        final JsonNode stateMount = production.volumeMount(claim.at("/metadata/name").asText());

        // Then
        assertThat(statefulSet.at("/spec/volumeClaimTemplates")).hasSize(1);
        assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("50Gi");
        assertThat(claim.at("/spec/storageClassName").asText()).isEqualTo("fast-ssd");
        assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
        assertThat(stateMount.path("mountPath").asText())
                .isEqualTo(production.stockflowProperties().getProperty("state.dir"));
    }

    @Test
    void shouldFallBackToAnEmptyDirWhenPersistenceIsOff() {
        // Given
        final Map<String, Object> overrides = Map.of("persistence.enabled", false);

        // When
        final RenderedManifests rendered = StockflowChart.render(overrides);

        // Then
        assertThat(rendered.statefulSet().at("/spec/volumeClaimTemplates").isMissingNode()).isTrue();
        assertThat(rendered.volume("state").has("emptyDir")).isTrue();
    }

    @Test
    void shouldRunAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp() {
        // Given
        final JsonNode podSpec = defaults.statefulSet().at("/spec/template/spec");
        final JsonNode container = defaults.container();

        // When
        final JsonNode tmpMount = defaults.volumeMount("tmp");

        // Then
        assertThat(podSpec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(podSpec.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop")).extracting(JsonNode::asText).contains("ALL");
        assertThat(tmpMount.path("mountPath").asText()).isEqualTo("/tmp");
        assertThat(defaults.volume("tmp").has("emptyDir")).isTrue();
    }

    @Test
    void shouldAdvertiseEachPodsStableDnsNameAsApplicationServer() {
        // Given
        final JsonNode headless = production.named("Service", StockflowChart.HEADLESS_SERVICE);

        // When
        final String applicationServer = production.env("STOCKFLOW_APPLICATION_SERVER").path("value").asText();

        // Then
        assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
        assertThat(production.statefulSet().at("/spec/serviceName").asText()).isEqualTo(StockflowChart.HEADLESS_SERVICE);
        assertThat(production.env("POD_NAME").at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
        assertThat(applicationServer).isEqualTo("$(POD_NAME)." + StockflowChart.HEADLESS_SERVICE + "."
                + StockflowChart.NAMESPACE + ".svc.cluster.local:" + production.stockflowProperties().getProperty("http.port"));
        assertThat(envIndex(production.container(), "POD_NAME"))
                .as("Kubernetes expands $(POD_NAME) only from variables defined earlier")
                .isLessThan(envIndex(production.container(), "STOCKFLOW_APPLICATION_SERVER"));
    }

    @Test
    void shouldSendApiClientsToTheHttpPortThroughANormalService() {
        // Given
        final JsonNode service = production.named("Service", StockflowChart.RELEASE);

        // When
        final JsonNode selector = service.at("/spec/selector");

        // Then
        assertThat(service.at("/spec/clusterIP").isMissingNode()).isTrue();
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        assertThat(selector).isEqualTo(production.statefulSet().at("/spec/selector/matchLabels"));
    }

    @Test
    void shouldGiveEachInstanceTimeForACleanClose() {
        // Given
        final JsonNode podSpec = production.statefulSet().at("/spec/template/spec");

        // When
        final int gracePeriod = podSpec.path("terminationGracePeriodSeconds").asInt();

        // Then
        assertThat(gracePeriod).as("Kubernetes' 30 s default is too short to flush and checkpoint state")
                .isGreaterThanOrEqualTo(60);
    }

    @Test
    void shouldJoinTheGroupAsAStaticMemberNamedAfterThePodAndKeepServiceLinksOut() {
        // Given
        final JsonNode podSpec = production.statefulSet().at("/spec/template/spec");

        // When
        final JsonNode env = production.container().path("env");

        // Then: the id follows POD_NAME, which is defined before it; no Service can inject STOCKFLOW_ variables
        assertThat(podSpec.path("enableServiceLinks").asBoolean(true)).isFalse();
        final List<String> names = new java.util.ArrayList<>();
        env.forEach(variable -> names.add(variable.path("name").asText()));
        assertThat(names).containsSubsequence("POD_NAME", "STOCKFLOW_KAFKA_GROUP_INSTANCE_ID");
        env.forEach(variable -> {
            if (variable.path("name").asText().equals("STOCKFLOW_KAFKA_GROUP_INSTANCE_ID")) {
                assertThat(variable.path("value").asText()).isEqualTo("$(POD_NAME)");
            }
        });
    }

    @Test
    void shouldSizeTheHeapSoThatHeapRocksDbAndJvmOverheadFitTheMemoryLimit() {
        // Given 4Gi limit, 1024 MB RocksDB budget in values-production.yaml
        final long limitBytes = 4096 * MIB;
        final long rocksDbBytes = Long.parseLong(production.stockflowProperties().getProperty("rocksdb.memory.mb")) * MIB;

        // When
        final int heapPercent = maxRamPercentage(production);

        // Then
        final long heapBytes = limitBytes * heapPercent / 100;
        assertThat(production.container().at("/resources/limits/memory").asText()).isEqualTo("4Gi");
        assertThat(heapBytes + rocksDbBytes).as("heap plus RocksDB within the limit").isLessThan(limitBytes);
        assertThat(limitBytes - heapBytes - rocksDbBytes).as("left for metaspace, threads and buffers")
                .isGreaterThanOrEqualTo(256 * MIB);
        assertThat(heapBytes).as("a useful heap").isGreaterThan(limitBytes / 2);
    }

    @Test
    void shouldGiveTheHeapLessOfTheLimitWhenRocksDbGetsMore() {
        // Given
        final Map<String, Object> smallBudget = Map.of("resources.limits.memory", "2Gi", "rocksdb.memoryMb", 256);
        final Map<String, Object> largeBudget = Map.of("resources.limits.memory", "2Gi", "rocksdb.memoryMb", 1024);

        // When
        final int heapWithSmallBudget = maxRamPercentage(StockflowChart.render(smallBudget));
        final int heapWithLargeBudget = maxRamPercentage(StockflowChart.render(largeBudget));

        // Then
        assertThat(heapWithLargeBudget).isLessThan(heapWithSmallBudget);
    }

    @Test
    void shouldRefuseAMemoryLimitThatLeavesTooLittleHeapBesideRocksDb() {
        // Given
        final Map<String, Object> overrides = Map.of("resources.limits.memory", "768Mi", "rocksdb.memoryMb", 512);

        // When / Then
        assertThatThrownBy(() -> StockflowChart.render(overrides))
                .hasMessageContaining("resources.limits.memory 768Mi");
    }

    @Test
    void shouldRollThePodsWhenThePropertiesChange() {
        // Given
        final String annotation = "/spec/template/metadata/annotations/checksum~1config";
        final String before = defaults.statefulSet().at(annotation).asText();

        // When
        final RenderedManifests changed = StockflowChart.render(Map.of("config.topics.dlq", "other-dlq"));

        // Then
        assertThat(before).hasSize(64);
        assertThat(changed.statefulSet().at(annotation).asText()).isNotEqualTo(before);
    }

    @Test
    void shouldLetDrainsTakeAtMostOneInstanceAtATime() {
        // Given
        final JsonNode budget = production.single("PodDisruptionBudget");

        // When
        final JsonNode selector = budget.at("/spec/selector/matchLabels");

        // Then
        assertThat(budget.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(selector).isEqualTo(production.statefulSet().at("/spec/selector/matchLabels"));
    }

    @Test
    void shouldSpreadProductionInstancesOverNodes() {
        // Given podAntiAffinityPreset: hard in values-production.yaml

        // When
        final JsonNode antiAffinity = production.statefulSet()
                .at("/spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0");

        // Then
        assertThat(antiAffinity.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        assertThat(antiAffinity.at("/labelSelector/matchLabels"))
                .isEqualTo(production.statefulSet().at("/spec/selector/matchLabels"));
    }

    @Test
    void shouldAddExtraEnvVolumesAndMountsAfterTheChartsOwn() {
        // Given a heap-dump volume and a registry timeout, neither of which the chart knows about
        final Map<String, Object> overrides = Map.of(
                "extraVolumes[0].name", "heap-dumps",
                "extraVolumes[0].emptyDir.sizeLimit", "2Gi",
                "extraVolumeMounts[0].name", "heap-dumps",
                "extraVolumeMounts[0].mountPath", "/var/dumps",
                "extraEnv[0].name", "STOCKFLOW_SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS",
                "extraEnv[0].value", "20000");

        // When
        final RenderedManifests rendered = StockflowChart.render(overrides, StockflowChart.productionValues());

        // Then
        assertThat(rendered.volume("heap-dumps").at("/emptyDir/sizeLimit").asText()).isEqualTo("2Gi");
        assertThat(rendered.volumeMount("heap-dumps").path("mountPath").asText()).isEqualTo("/var/dumps");
        assertThat(rendered.env("STOCKFLOW_SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS").path("value").asText()).isEqualTo("20000");
        assertThat(names(rendered.statefulSet().at("/spec/template/spec/volumes")))
                .as("the chart's own volumes are kept").contains("config", "tmp", "kafka-tls", "schema-registry-tls");
        assertThat(names(rendered.container().path("volumeMounts"))).endsWith("heap-dumps");
        assertThat(names(rendered.container().path("env"))).endsWith("STOCKFLOW_SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS");
    }

    @Test
    void shouldAddNoExtraVolumesOrMountsWithDefaultValues() {
        // Given the defaults of values.yaml: empty extraVolumes and extraVolumeMounts

        // When
        final List<String> volumes = names(defaults.statefulSet().at("/spec/template/spec/volumes"));
        final List<String> mounts = names(defaults.container().path("volumeMounts"));

        // Then
        assertThat(volumes).containsExactly("config", "tmp");
        assertThat(mounts).containsExactly("state", "config", "tmp");
    }

    private static List<String> names(final JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(element -> element.path("name").asText()).toList();
    }

    private static int maxRamPercentage(final RenderedManifests manifests) {
        final Matcher matcher = MAX_RAM_PERCENTAGE.matcher(manifests.env("JAVA_TOOL_OPTIONS").path("value").asText());
        assertThat(matcher.find()).as("JAVA_TOOL_OPTIONS sets -XX:MaxRAMPercentage").isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static int envIndex(final JsonNode container, final String name) {
        int index = 0;
        for (final JsonNode variable : container.path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return index;
            }
            index++;
        }
        throw new AssertionError("no environment variable " + name);
    }
}

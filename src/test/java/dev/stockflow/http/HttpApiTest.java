package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OrderStatus;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.SnapshotView;
import dev.stockflow.query.OfferLookup;
import dev.stockflow.query.OfferLookups;
import dev.stockflow.restore.PartitionProgress;
import dev.stockflow.restore.RestoreStatus;
import dev.stockflow.restore.StoreProgress;
import dev.stockflow.state.StoredOffer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of offer lookups and readiness, on real HTTP servers with the services behind them faked. */
class HttpApiTest {

    private static final RuleSettings RULES = RuleSettings.DEFAULTS;
    private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<HttpApi> servers = new ArrayList<>();

    @AfterEach
    void close() {
        servers.forEach(HttpApi::close);
    }

    @Test
    void shouldAnswerAFoundOfferWithItsSnapshotJson() throws Exception {
        // Given
        final FakeLookups lookups = new FakeLookups(localOnly -> found("brand-1:SKU/1-\u00e9", 5));
        final HttpApi api = start(lookups);

        // When: the sku percent-encoded, '/' and 'é' included
        final HttpResponse<byte[]> response = get(api, "/offers/brand-1/SKU%2F1-%C3%A9");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(SnapshotJson.write(
                SnapshotView.of("brand-1:SKU/1-\u00e9", listedWith(5).state(), RULES)));
        assertThat(json.readTree(response.body()).get("totalQuantity").asLong()).isEqualTo(5);
        assertThat(lookups.asked).containsExactly("brand-1|SKU/1-\u00e9|local=false");
    }

    @Test
    void shouldAnswerTheStoredStateWithVersionsPriceHistoryAndWhoAnswered() throws Exception {
        // Given: stock at one location, two prices on one channel, and a stale stock update after them
        final StoredOffer offer = listedWith(5);
        offer.state().apply(new OfferEvent.PriceChange("p1", "zalando-de", "EUR", 12_999L, null, T0 + 1), T0 + 1,
                RULES);
        offer.state().apply(new OfferEvent.PriceChange("p2", "zalando-de", "EUR", 12_999L, 9_999L, T0 + 2), T0 + 2,
                RULES);
        final FakeLookups lookups = new FakeLookups(localOnly -> new OfferLookup.Found("brand-1:SKU-1", offer, RULES));
        final HttpApi api = start(lookups);

        // When
        final HttpResponse<byte[]> response = get(api, "/offers/brand-1/SKU-1/state");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        final JsonNode state = json.readTree(response.body());
        assertThat(state.get("answeredBy").asText()).isEqualTo("fake-instance:8080");
        assertThat(state.get("listed").asBoolean()).isTrue();
        assertThat(state.get("delisting").isNull()).isTrue();
        assertThat(state.at("/locations/0/quantity").asInt()).isEqualTo(5);
        assertThat(state.at("/locations/0/version/eventId").asText()).isEqualTo("e1");
        assertThat(state.at("/locations/0/version/occurredAt").asLong()).isEqualTo(T0);
        assertThat(state.at("/prices/0/version/eventId").asText()).isEqualTo("p2");
        assertThat(state.at("/prices/0/effectivePrice").asLong()).isEqualTo(9_999L);
        assertThat(state.at("/prices/0/history")).extracting(point -> point.get("effectivePrice").asLong())
                .containsExactly(12_999L, 9_999L);
        assertThat(lookups.asked).containsExactly("state:brand-1|SKU-1|local=false");
    }

    @Test
    void shouldShowOrderSlotsAndWhatTheyReserve() throws Exception {
        // Given: 5 at berlin, a line of 2 placed after that count (it reserves), a line placed and cancelled
        final StoredOffer offer = listedWith(5);
        offer.state().apply(new OfferEvent.OrderLine("o1", "ORD-1", "berlin", 2, OrderStatus.PLACED, T0 + 5),
                T0 + 5, RULES);
        offer.state().apply(new OfferEvent.OrderLine("o2", "ORD-2", "berlin", 1, OrderStatus.PLACED, T0 + 6),
                T0 + 6, RULES);
        offer.state().apply(new OfferEvent.OrderLine("o3", "ORD-2", "berlin", 1, OrderStatus.CANCELLED, T0 + 7),
                T0 + 7, RULES);
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.Found("brand-1:SKU-1", offer, RULES)));

        // When
        final JsonNode state = json.readTree(get(api, "/offers/brand-1/SKU-1/state").body());

        // Then
        assertThat(state.at("/locations/0/reservedQuantity").asInt()).isEqualTo(2);
        assertThat(state.at("/locations/0/sellableQuantity").asInt()).isEqualTo(3);
        assertThat(state.get("orders")).hasSize(2);
        assertThat(state.at("/orders/0/orderId").asText()).isEqualTo("ORD-1");
        assertThat(state.at("/orders/0/open").asBoolean()).isTrue();
        assertThat(state.at("/orders/0/quantity").asInt()).isEqualTo(2);
        assertThat(state.at("/orders/0/updatedAt").asLong()).isEqualTo(T0 + 5);
        assertThat(state.at("/orders/0/version/eventId").asText()).isEqualTo("o1");
        assertThat(state.at("/orders/1/open").asBoolean()).isFalse();
        assertThat(state.at("/orders/1/updatedAt").asLong()).isEqualTo(T0 + 7);
    }

    @Test
    void shouldShowTheRememberedDelistingOfAnOfferThatIsGone() throws Exception {
        // Given
        final StoredOffer offer = listedWith(5);
        offer.state().apply(new OfferEvent.Delisting("d1", T0 + 10), T0 + 10, RULES);
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.Found("brand-1:SKU-1", offer, RULES)));

        // When
        final JsonNode state = json.readTree(get(api, "/offers/brand-1/SKU-1/state").body());

        // Then
        assertThat(state.get("listed").asBoolean()).isFalse();
        assertThat(state.get("locations")).isEmpty();
        assertThat(state.at("/delisting/eventId").asText()).isEqualTo("d1");
        assertThat(state.at("/delisting/occurredAt").asLong()).isEqualTo(T0 + 10);
    }

    @Test
    void shouldForwardAStateLookupToTheOwnerAndAnswerNotFoundForAnUnknownOffer() throws Exception {
        // Given
        final FakeLookups ownerLookups = new FakeLookups(localOnly -> new OfferLookup.NotFound());
        final HttpApi owner = start(ownerLookups);
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.OwnedElsewhere("127.0.0.1",
                owner.port())));

        // When
        final HttpResponse<byte[]> response = get(api, "/offers/brand-1/SKU%2Fstate/state");

        // Then: the owner was asked for the state of sku 'SKU/state', and its 404 is passed on
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ownerLookups.asked).containsExactly("state:brand-1|SKU/state|local=true");
    }

    @Test
    void shouldLookUpASkuNamedStateRatherThanTakeItForTheStateView() throws Exception {
        // Given
        final FakeLookups lookups = new FakeLookups(localOnly -> found("brand-1:state", 3));
        final HttpApi api = start(lookups);

        // When: two segments after /offers, the second one "state"
        final HttpResponse<byte[]> response = get(api, "/offers/brand-1/state");

        // Then: the snapshot of sku 'state', not the state view of a sku-less path
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("sku").asText()).isEqualTo("state");
        assertThat(lookups.asked).containsExactly("brand-1|state|local=false");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownOffer() throws Exception {
        // Given
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.NotFound()));

        // When
        final HttpResponse<byte[]> response = get(api, "/offers/brand-1/SKU-1");

        // Then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response)).isEqualTo("offer brand-1:SKU-1 is unknown");
    }

    @Test
    void shouldAnswerServiceUnavailableWhileTheStoreIsNotQueryable() throws Exception {
        // Given
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.NotReady("Kafka Streams is REBALANCING")));

        // When
        final HttpResponse<byte[]> response = get(api, "/offers/brand-1/SKU-1");

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(error(response)).isEqualTo("Kafka Streams is REBALANCING");
    }

    @Test
    void shouldRefuseInvalidIdsWithoutLookingThemUp() throws Exception {
        // Given
        final FakeLookups lookups = new FakeLookups(localOnly -> new OfferLookup.NotFound());
        final HttpApi api = start(lookups);

        // When
        final HttpResponse<byte[]> badPartner = get(api, "/offers/bad%20partner/SKU-1");
        final HttpResponse<byte[]> noSku = get(api, "/offers/brand-1/");
        final HttpResponse<byte[]> badEncoding = get(api, "/offers/brand-1/SKU%FF");

        // Then
        assertThat(badPartner.statusCode()).isEqualTo(400);
        assertThat(error(badPartner)).startsWith("partnerId must be");
        assertThat(noSku.statusCode()).isEqualTo(400);
        assertThat(badEncoding.statusCode()).isEqualTo(400);
        assertThat(lookups.asked).isEmpty();
    }

    @Test
    void shouldAllowOnlyGet() throws Exception {
        // Given
        final FakeLookups lookups = new FakeLookups(localOnly -> new OfferLookup.NotFound());
        final HttpApi api = start(lookups);

        // When
        final HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri(api, "/offers/brand-1/SKU-1"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());

        // Then
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(lookups.asked).isEmpty();
    }

    @Test
    void shouldForwardALookupToTheInstanceThatOwnsTheKey() throws Exception {
        // Given: the owner answers only what was routed to it; this instance sends every caller there
        final FakeLookups ownerLookups = new FakeLookups(localOnly -> localOnly ? found("brand-1:SKU/1", 7)
                : new OfferLookup.NotReady("a routed lookup must be answered locally"));
        final HttpApi owner = start(ownerLookups);
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.OwnedElsewhere("127.0.0.1",
                owner.port())));

        // When
        final HttpResponse<byte[]> response = get(api, "/offers/brand-1/SKU%2F1");

        // Then: the owner's answer, to the path as the caller encoded it
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("totalQuantity").asLong()).isEqualTo(7);
        assertThat(ownerLookups.asked).containsExactly("brand-1|SKU/1|local=true");
    }

    @Test
    void shouldPassOnTheOwnersAnswerWhateverItIs() throws Exception {
        // Given
        final HttpApi owner = start(new FakeLookups(localOnly -> new OfferLookup.NotFound()));
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.OwnedElsewhere("localhost",
                owner.port())));

        // When
        final HttpResponse<byte[]> response = get(api, "/offers/brand-1/SKU-1");

        // Then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response)).isEqualTo("offer brand-1:SKU-1 is unknown");
    }

    @Test
    void shouldAnswerServiceUnavailableWhenTheOwnerDoesNotAnswer() throws Exception {
        // Given: an owner whose port nothing listens on
        final int closedPort = freePort();
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.OwnedElsewhere("127.0.0.1",
                closedPort)));

        // When
        final HttpResponse<byte[]> response = get(api, "/offers/brand-1/SKU-1");

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(error(response)).startsWith("the instance owning the offer (127.0.0.1:" + closedPort
                + ") did not answer");
    }

    @Test
    void shouldForwardToAnIpv6OwnerInBrackets() throws Exception {
        // Given: an owner that Kafka Streams names by its IPv6 address, unbracketed
        assumeTrue(ipv6LoopbackWorks(), "this machine has no IPv6 loopback");
        final HttpApi owner = start(new FakeLookups(localOnly -> found("brand-1:SKU-1", 2)));
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.OwnedElsewhere("::1", owner.port())));

        // When
        final HttpResponse<byte[]> response = get(api, "/offers/brand-1/SKU-1");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("totalQuantity").asLong()).isEqualTo(2);
    }

    @Test
    void shouldBracketIpv6HostsInTheForwardUri() {
        // When / Then
        assertThat(HttpApi.forwardUri("http", "::1", 8080, "/offers/brand-1/SKU%2F1"))
                .isEqualTo(URI.create("http://[::1]:8080/offers/brand-1/SKU%2F1"));
        assertThat(HttpApi.forwardUri("http", "fe80::1:2", 80, "/offers/a/b").getHost()).isEqualTo("[fe80::1:2]");
        assertThat(HttpApi.forwardUri("http", "[::1]", 8080, "/offers/a/b")).isEqualTo(URI.create("http://[::1]:8080/offers/a/b"));
        assertThat(HttpApi.forwardUri("http", "stockflow-1.stockflow", 8080, "/offers/a/b"))
                .isEqualTo(URI.create("http://stockflow-1.stockflow:8080/offers/a/b"));
        assertThat(HttpApi.forwardUri("http", "10.0.0.2", 8081, "/offers/a/b").getPort()).isEqualTo(8081);
        assertThat(HttpApi.forwardUri("https", "stockflow-1.stockflow", 8443, "/offers/a/b"))
                .isEqualTo(URI.create("https://stockflow-1.stockflow:8443/offers/a/b"));
    }

    @Test
    void shouldAnswerReadyWithTheStateAloneWhenKafkaStreamsRunsAndNothingRestores() throws Exception {
        // Given
        final HttpApi api = start("RUNNING", RestoreStatus.IDLE);

        // When
        final HttpResponse<byte[]> response = get(api, "/health/ready");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"RUNNING\"}");
    }

    @Test
    void shouldAnswerNotReadyWhileKafkaStreamsIsNotRunning() throws Exception {
        // Given
        final HttpApi api = start("REBALANCING", RestoreStatus.IDLE);

        // When
        final HttpResponse<byte[]> response = get(api, "/health/ready");

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"REBALANCING\"}");
    }

    @Test
    void shouldAnswerNotReadyWithTheRestoreProgressWhileAStoreRestores() throws Exception {
        // Given: two partitions restoring at 1,500 offsets per second, a third one of the same restoration done,
        // and a fourth restored earlier
        final List<PartitionProgress> current = List.of(
                new PartitionProgress("offer-state", "app-offer-state-changelog", 0, 4_000, 6_000, true),
                new PartitionProgress("offer-state", "app-offer-state-changelog", 1, 2_000, 3_000, true),
                new PartitionProgress("offer-state", "app-offer-state-changelog", 2, 1_000, 0, false));
        final PartitionProgress earlier = new PartitionProgress("offer-state", "app-offer-state-changelog", 3, 7_000,
                0, false);
        final RestoreStatus restoring = new RestoreStatus(List.of(current.get(0), current.get(1), current.get(2),
                earlier), List.of(new StoreProgress("offer-state", current, 1_500.4)), 14_000);
        final HttpApi api = start("RUNNING", restoring);

        // When: Kafka Streams says RUNNING, but a store still restores
        final HttpResponse<byte[]> response = get(api, "/health/ready");

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"RUNNING\","
                + "\"restoring\":{\"restoredRecords\":7000,\"remainingRecords\":9000,\"recordsPerSecond\":1500,"
                + "\"etaSeconds\":6,\"partitions\":["
                + "{\"store\":\"offer-state\",\"topicPartition\":\"app-offer-state-changelog-0\",\"restored\":4000,"
                + "\"remaining\":6000},"
                + "{\"store\":\"offer-state\",\"topicPartition\":\"app-offer-state-changelog-1\",\"restored\":2000,"
                + "\"remaining\":3000},"
                + "{\"store\":\"offer-state\",\"topicPartition\":\"app-offer-state-changelog-2\",\"restored\":1000,"
                + "\"remaining\":0}]}}");
    }

    @Test
    void shouldAnswerNullForARateAndEstimateNotKnownYet() throws Exception {
        // Given
        final PartitionProgress partition = new PartitionProgress("offer-state", "app-offer-state-changelog", 0, 0,
                500, true);
        final RestoreStatus justStarted = new RestoreStatus(List.of(partition),
                List.of(new StoreProgress("offer-state", List.of(partition), Double.NaN)), 0);
        final HttpApi api = start("REBALANCING", justStarted);

        // When
        final JsonNode body = json.readTree(get(api, "/health/ready").body());

        // Then
        assertThat(body.get("status").asText()).isEqualTo("REBALANCING");
        assertThat(body.at("/restoring/remainingRecords").asLong()).isEqualTo(500);
        assertThat(body.at("/restoring/recordsPerSecond").isNull()).isTrue();
        assertThat(body.at("/restoring/etaSeconds").isNull()).isTrue();
    }

    private HttpApi start(final String streamsState, final RestoreStatus restore) throws IOException {
        final HttpApi api = new HttpApi(0, new FakeLookups(localOnly -> new OfferLookup.NotFound()),
                () -> streamsState, () -> restore, () -> "", StatusReports::sample);
        servers.add(api);
        return api;
    }

    @Test
    void shouldAnswerTheStatusFiguresAsJson() throws Exception {
        // Given
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.NotFound()));

        // When
        final HttpResponse<byte[]> response = get(api, "/status");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        final JsonNode status = json.readTree(response.body());
        assertThat(status.get("instance").asText()).isEqualTo("stockflow-1:8080");
        assertThat(status.get("state").asText()).isEqualTo("RUNNING");
        assertThat(status.get("time").asLong()).isEqualTo(StatusReports.TIME);
        assertThat(status.at("/rates/windowSeconds").asDouble()).isEqualTo(5.0);
        assertThat(status.at("/rates/events").asDouble()).isEqualTo(153.033);
        assertThat(fieldNames(status.at("/rates/eventsByOutcome")))
                .containsExactly("changed", "unchanged", "stale", "duplicate", "invalid");
        assertThat(status.at("/rates/eventsByOutcome/stale").asDouble()).isEqualTo(0.333);
        assertThat(status.at("/rates/snapshots").asDouble()).isEqualTo(100.0);
        assertThat(status.at("/rates/tombstones").asDouble()).isEqualTo(0.5);
        assertThat(status.at("/rates/deadLetters").asDouble()).isEqualTo(0.2);
        assertThat(status.at("/rates/deadLettersByCode/undecodable").asDouble()).isEqualTo(0.2);
        assertThat(status.at("/totals/events").asLong()).isEqualTo(6_100);
        assertThat(status.at("/totals/eventsByOutcome/changed").asLong()).isEqualTo(5_000);
        assertThat(status.at("/totals/snapshots").asLong()).isEqualTo(4_000);
        assertThat(status.at("/totals/tombstones").asLong()).isEqualTo(12);
        assertThat(status.at("/totals/deadLetters").asLong()).isEqualTo(3);
        assertThat(status.at("/totals/deadLettersByCode/undecodable").asLong()).isEqualTo(3);
    }

    @Test
    void shouldAnswerTheOrderEventsByOutcomeBesideTheEventsOfEveryTopic() throws Exception {
        // Given
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.NotFound()));

        // When
        final JsonNode status = json.readTree(get(api, "/status").body());

        // Then: new fields; the sums over every topic stay where scripts find them
        assertThat(status.at("/rates/orderEvents").asDouble()).isEqualTo(16.0);
        assertThat(fieldNames(status.at("/rates/orderEventsByOutcome")))
                .containsExactly("changed", "unchanged", "stale", "duplicate", "invalid");
        assertThat(status.at("/rates/orderEventsByOutcome/changed").asDouble()).isEqualTo(12.5);
        assertThat(status.at("/rates/orderEventsByOutcome/duplicate").asDouble()).isEqualTo(0.5);
        assertThat(status.at("/totals/orderEvents").asLong()).isEqualTo(501);
        assertThat(fieldNames(status.at("/totals/orderEventsByOutcome")))
                .containsExactly("changed", "unchanged", "stale", "duplicate", "invalid");
        assertThat(status.at("/totals/orderEventsByOutcome/unchanged").asLong()).isEqualTo(90);
        assertThat(status.at("/totals/orderEventsByOutcome/invalid").asLong()).isEqualTo(1);
        assertThat(status.at("/rates/events").asDouble()).isEqualTo(153.033);
        assertThat(status.at("/totals/events").asLong()).isEqualTo(6_100);
    }

    @Test
    void shouldAnswerLagRestorationLatencyAndHistoryWithNullForWhatIsUnknown() throws Exception {
        // Given
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.NotFound()));

        // When
        final JsonNode status = json.readTree(get(api, "/status").body());

        // Then
        assertThat(status.at("/lag/total").asLong()).isEqualTo(42);
        assertThat(status.at("/lag/partitions/0/topic").asText()).isEqualTo("stock-updates");
        assertThat(status.at("/lag/partitions/0/partition").asInt()).isZero();
        assertThat(status.at("/lag/partitions/0/lag").asLong()).isEqualTo(40);
        assertThat(status.at("/lag/partitions/1/partition").asInt()).isEqualTo(1);
        assertThat(status.at("/restoration/restoring").asBoolean()).isTrue();
        assertThat(status.at("/restoration/partitions").asInt()).isEqualTo(2);
        assertThat(status.at("/restoration/restoredRecords").asLong()).isEqualTo(1_000);
        assertThat(status.at("/restoration/remainingRecords").asLong()).isEqualTo(3_000);
        assertThat(status.at("/restoration/recordsPerSecond").asDouble()).isEqualTo(250.5);
        assertThat(status.at("/restoration/etaSeconds").asLong()).isEqualTo(12);
        assertThat(status.at("/latency/windowSeconds").asDouble()).isEqualTo(60.0);
        assertThat(status.at("/latency/snapshots").asLong()).isEqualTo(2_400);
        assertThat(status.at("/latency/p50Ms").asDouble()).isEqualTo(12.5);
        assertThat(status.at("/latency/p90Ms").asDouble()).isEqualTo(48.25);
        assertThat(status.at("/latency/p99Ms").isNull()).isTrue();
        assertThat(status.at("/history/intervalSeconds").asInt()).isEqualTo(1);
        assertThat(status.at("/history/points")).hasSize(2);
        assertThat(status.at("/history/points/1/time").asLong()).isEqualTo(StatusReports.TIME);
        assertThat(status.at("/history/points/1/events").asDouble()).isEqualTo(156.0);
        assertThat(status.at("/history/points/1/snapshots").asDouble()).isEqualTo(101.0);
        assertThat(status.at("/history/points/1/deadLetters").asDouble()).isEqualTo(1.0);
        assertThat(status.at("/history/points/1/lag").asLong()).isEqualTo(42);
    }

    @Test
    void shouldAnswerNullRestorationWhileNothingTracksIt() throws Exception {
        // Given
        final HttpApi api = new HttpApi(0, new FakeLookups(localOnly -> new OfferLookup.NotFound()),
                () -> "RUNNING", () -> RestoreStatus.IDLE, () -> "", () -> StatusReports.sample(Optional.empty()));
        servers.add(api);

        // When
        final JsonNode status = json.readTree(get(api, "/status").body());

        // Then
        assertThat(status.has("restoration")).isTrue();
        assertThat(status.get("restoration").isNull()).isTrue();
    }

    @Test
    void shouldServeTheStatusPageAsHtmlThatMayRunOnlyItsOwnScriptAndTalkOnlyToThisServer() throws Exception {
        // Given
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.NotFound()));

        // When
        final HttpResponse<byte[]> response = get(api, "/");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        final String html = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<canvas id=\"chart\"");
        assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'none'", "connect-src 'self'", StatusPage.hashOf(html, "script"),
                        StatusPage.hashOf(html, "style"))
                .doesNotContain("unsafe-inline");
    }

    @Test
    void shouldStillAnswerNotFoundForOtherPaths() throws Exception {
        // Given
        final HttpApi api = start(new FakeLookups(localOnly -> new OfferLookup.NotFound()));

        // When / Then
        assertThat(get(api, "/statuses").statusCode()).isEqualTo(404);
        assertThat(get(api, "/index.html").statusCode()).isEqualTo(404);
    }

    private static List<String> fieldNames(final JsonNode object) {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpApi start(final OfferLookups lookups) throws IOException {
        final HttpApi api = new HttpApi(0, lookups, () -> "RUNNING", () -> RestoreStatus.IDLE, () -> "",
                StatusReports::sample);
        servers.add(api);
        return api;
    }

    private HttpResponse<byte[]> get(final HttpApi api, final String rawPath) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(api, rawPath)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(final HttpApi api, final String rawPath) {
        return URI.create("http://127.0.0.1:" + api.port() + rawPath);
    }

    private String error(final HttpResponse<byte[]> response) throws IOException {
        final JsonNode body = json.readTree(response.body());
        return body.get("error").asText();
    }

    private static OfferLookup found(final String offerKey, final int quantity) {
        return new OfferLookup.Found(offerKey, listedWith(quantity), RULES);
    }

    private static StoredOffer listedWith(final int quantity) {
        final StoredOffer offer = new StoredOffer();
        offer.state().apply(new OfferEvent.StockChange("e1", "berlin", quantity, T0), T0, RULES);
        return offer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (final IOException e) {
            return false;
        }
    }
}

package dev.stockflow.bench.chaos;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.bench.JsonSnapshots;
import dev.stockflow.reference.Emission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Judges lookup answers against the snapshot topic. A lookup reads the instance's store, which may be ahead
 * of what is committed (the open transaction's changes), never behind it. So, with {@code n} the offer's
 * records committed when the lookup was sent, and the offer's records as finally committed:
 * <ul>
 *   <li>503 (not ready) is always allowed;</li>
 *   <li>200 must show the record number {@code n} (the latest committed then) or a later one: an earlier one
 *       is <em>stale</em>, one the topic never got is <em>wrong</em>;</li>
 *   <li>404 must match a tombstone at or after number {@code n}, or no record committed yet: otherwise it
 *       is <em>wrong</em>;</li>
 *   <li>anything else (another status, no answer) is <em>wrong</em>.</li>
 * </ul>
 */
final class LookupCheck {

    private long notReady;
    private long current;
    private long ahead;
    private long stale;
    private long wrong;
    private final StringBuilder examples = new StringBuilder();

    static LookupCheck of(final List<LookupProber.Lookup> lookups, final Map<String, List<Emission>> snapshots) {
        final LookupCheck check = new LookupCheck();
        lookups.forEach(lookup -> check.judge(lookup, snapshots.getOrDefault(lookup.key(), List.of())));
        return check;
    }

    private void judge(final LookupProber.Lookup lookup, final List<Emission> records) {
        final int latest = lookup.committedSeen() - 1;
        if (lookup.status() == 503) {
            notReady++;
            return;
        }
        if (lookup.status() == 404 && latest < 0) {
            current++;
            return;
        }
        final int found = lookup.status() == 200 ? indexOf(records, JsonSnapshots.read(lookup.body()), latest)
                : lookup.status() == 404 ? indexOf(records, null, latest) : -1;
        if (found < 0) {
            note("wrong", lookup, found);
            wrong++;
        } else if (found == latest) {
            current++;
        } else if (found > latest) {
            ahead++;
        } else {
            note("stale", lookup, found);
            stale++;
        }
    }

    /**
     * Where the snapshot (null: a tombstone) is among the records, searching from {@code from} on, then
     * before it; -1 when it is not there.
     */
    private static int indexOf(final List<Emission> records, final OfferSnapshot snapshot, final int from) {
        for (int i = Math.max(0, from); i < records.size(); i++) {
            if (Objects.equals(records.get(i).snapshot(), snapshot)) {
                return i;
            }
        }
        for (int i = Math.min(from, records.size()) - 1; i >= 0; i--) {
            if (Objects.equals(records.get(i).snapshot(), snapshot)) {
                return i;
            }
        }
        return -1;
    }

    private void note(final String what, final LookupProber.Lookup lookup, final int found) {
        if (examples.length() < 4000) {
            examples.append(what).append(": ").append(lookup.key()).append(" status ").append(lookup.status())
                    .append(" sent at ").append(lookup.sentAt()).append(" with ").append(lookup.committedSeen())
                    .append(" records committed; it shows record ").append(found).append('\n');
        }
    }

    long stale() {
        return stale;
    }

    long wrong() {
        return wrong;
    }

    String examples() {
        return examples.toString();
    }

    Map<String, Object> figures() {
        final Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("lookups", notReady + current + ahead + stale + wrong);
        figures.put("notReady503", notReady);
        figures.put("latestCommitted", current);
        figures.put("aheadOfCommitted", ahead);
        figures.put("stale", stale);
        figures.put("wrong", wrong);
        return figures;
    }
}

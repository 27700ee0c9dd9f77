package dev.stockflow.feed;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a parser hands over, for assertions. */
final class CollectingSink implements FeedSink {

    final List<ParsedRecord> records = new ArrayList<>();
    final List<FeedError> errors = new ArrayList<>();

    @Override
    public void accept(final ParsedRecord record) {
        records.add(record);
    }

    @Override
    public void reject(final FeedError error) {
        errors.add(error);
    }

    List<String> errorLines() {
        return errors.stream().map(FeedError::toString).toList();
    }
}

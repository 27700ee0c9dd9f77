package dev.stockflow.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockflow.offer.Input;
import java.io.IOException;
import java.io.Reader;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Parses JSON Lines feeds: one object per line, {@code {"type":"stock"|"price"|"delist"|"order", ...}}
 * (the input's {@link Input#typeName()}) with the fields of the input's Avro record. eventId is optional
 * (derived from the content when absent), so is salePrice; any other field is an error, and so is a
 * repeated one.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class JsonLinesFeedParser implements FeedParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    private static final Map<Input, Set<String>> FIELDS = fieldsPerInput();
    private static final String EXPECTED_TYPES = expectedTypes();

    private final FeedRecordDecoder decoder = new FeedRecordDecoder();
    private final int maxLineLength;

    public JsonLinesFeedParser() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    public JsonLinesFeedParser(final int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    @Override
    public FeedSummary parse(final Reader reader, final String source, final FeedSink sink) throws IOException {
        final CountingSink counting = new CountingSink(sink);
        final LineReader lines = new LineReader(new CharCursor(reader), maxLineLength);
        while (true) {
            final String text;
            try {
                text = lines.next();
            } catch (final BadLineException e) {
                counting.reject(new FeedError(source, lines.lineNumber(), e.getMessage()));
                continue;
            }
            if (text == null) {
                return counting.summary();
            }
            if (!text.isBlank()) {
                parseLine(text, source, lines.lineNumber(), counting);
            }
        }
    }

    private void parseLine(final String text, final String source, final long line, final FeedSink sink) {
        final ParsedRecord record;
        try {
            record = decode(text, source, line);
        } catch (final BadLineException e) {
            sink.reject(new FeedError(source, line, e.getMessage()));
            return;
        }
        sink.accept(record);
    }

    private ParsedRecord decode(final String text, final String source, final long line) {
        if (text.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            throw new BadLineException("line is not valid UTF-8");
        }
        final ObjectNode object = readObject(text);
        final Input input = inputOf(object.get("type"));
        final JsonFields fields = new JsonFields(object);
        fields.rejectUnknown(FIELDS.get(input), input);
        return decoder.decode(input, fields, source, line);
    }

    private static ObjectNode readObject(final String text) {
        final JsonNode node;
        try (JsonParser parser = MAPPER.createParser(text)) {
            node = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new BadLineException("malformed JSON: more content after the object at column "
                        + parser.currentTokenLocation().getColumnNr());
            }
        } catch (final JsonProcessingException e) {
            throw new BadLineException("malformed JSON: " + e.getOriginalMessage() + " (column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (final IOException e) {
            throw new BadLineException("malformed JSON: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode)) {
            throw new BadLineException("expected a JSON object, found "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return (ObjectNode) node;
    }

    private static Input inputOf(final JsonNode type) {
        if (type == null) {
            throw new BadLineException("missing field 'type'");
        }
        final Input input = type.isTextual() ? Input.ofTypeName(type.textValue()) : null;
        if (input == null) {
            throw new BadLineException("unknown type " + BadLineException.shorten(type.toString())
                    + " (expected " + EXPECTED_TYPES + ")");
        }
        return input;
    }

    /** A line may hold {@code type} and the fields of its input's record, as the schema names them. */
    private static Map<Input, Set<String>> fieldsPerInput() {
        final Map<Input, Set<String>> fields = new EnumMap<>(Input.class);
        for (final Input input : Input.values()) {
            final Set<String> names = new HashSet<>();
            names.add("type");
            for (final Schema.Field field : SpecificData.get().getSchema(input.recordClass()).getFields()) {
                names.add(field.name());
            }
            fields.put(input, Set.copyOf(names));
        }
        return fields;
    }

    /** The type names quoted, for example {@code "stock", "price", "delist" or "order"}. */
    private static String expectedTypes() {
        final Input[] inputs = Input.values();
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < inputs.length; i++) {
            text.append(i == 0 ? "" : i == inputs.length - 1 ? " or " : ", ")
                    .append('"').append(inputs[i].typeName()).append('"');
        }
        return text.toString();
    }
}

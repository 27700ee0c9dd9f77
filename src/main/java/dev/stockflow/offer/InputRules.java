package dev.stockflow.offer;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import java.time.Instant;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The field rules for input events (identifiers, quantities, prices). Each check returns null when
 * the record is valid, or a message naming the first offending field.
 */
public final class InputRules {

    /** Character sets of the identifiers; checked by hand because this runs for every event. */
    /** partnerId, locationId and orderId share this rule. */
    private static final CharRule PARTNER_OR_LOCATION = new CharRule(64, "1-64 characters of [A-Za-z0-9._-]") {
        @Override
        boolean allows(final char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-';
        }
    };
    private static final CharRule CHANNEL = new CharRule(32, "1-32 characters of [a-z0-9-]") {
        @Override
        boolean allows(final char c) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
        }
    };
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    private InputRules() {
    }

    public static String check(final StockUpdate update) {
        String error = checkCommon(update.getEventId(), update.getPartnerId(), update.getSku(), update.getOccurredAt());
        if (error == null) {
            error = checkIdentifier("locationId", update.getLocationId(), PARTNER_OR_LOCATION);
        }
        if (error == null && update.getQuantity() < 0) {
            error = "quantity must be >= 0, was " + update.getQuantity();
        }
        return error;
    }

    public static String check(final PriceUpdate update) {
        String error = checkCommon(update.getEventId(), update.getPartnerId(), update.getSku(), update.getOccurredAt());
        if (error == null) {
            error = checkIdentifier("channel", update.getChannel(), CHANNEL);
        }
        if (error == null && !isCurrency(update.getCurrency())) {
            error = "currency must be an ISO 4217 alphabetic code, was " + Quoted.of(update.getCurrency());
        }
        if (error == null && update.getRegularPrice() <= 0) {
            error = "regularPrice must be > 0, was " + update.getRegularPrice();
        }
        final Long sale = update.getSalePrice();
        if (error == null && sale != null && (sale <= 0 || sale >= update.getRegularPrice())) {
            error = "salePrice must be > 0 and < regularPrice (" + update.getRegularPrice() + "), was " + sale;
        }
        return error;
    }

    public static String check(final OfferDelisted delisting) {
        return checkCommon(delisting.getEventId(), delisting.getPartnerId(), delisting.getSku(),
                delisting.getOccurredAt());
    }

    public static String check(final OrderLineEvent line) {
        String error = checkCommon(line.getEventId(), line.getPartnerId(), line.getSku(), line.getOccurredAt());
        if (error == null) {
            error = checkIdentifier("orderId", line.getOrderId(), PARTNER_OR_LOCATION);
        }
        if (error == null) {
            error = checkIdentifier("locationId", line.getLocationId(), PARTNER_OR_LOCATION);
        }
        if (error == null && line.getQuantity() < 1) {
            error = "quantity must be >= 1, was " + line.getQuantity();
        }
        if (error == null && line.getStatus() == null) {
            error = "status must be PLACED or CANCELLED, was null";
        }
        return error;
    }

    public static boolean isPartnerId(final String value) {
        return PARTNER_OR_LOCATION.matches(value);
    }

    /** 1-128 characters (code points), none of them whitespace or control characters. */
    public static boolean isSku(final String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            final int codePoint = value.codePointAt(i);
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                    || Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE) {
                return false;
            }
            count++;
            i += Character.charCount(codePoint);
        }
        return count <= 128;
    }

    public static boolean isCurrency(final String value) {
        return value != null && value.length() == 3 && CURRENCIES.contains(value);
    }

    private static String checkCommon(final String eventId, final String partnerId, final String sku,
                                      final Instant occurredAt) {
        if (eventId == null || eventId.isEmpty() || eventId.codePointCount(0, eventId.length()) > 128) {
            return "eventId must be 1-128 characters";
        }
        if (!isPartnerId(partnerId)) {
            return "partnerId must be 1-64 characters of [A-Za-z0-9._-], was " + Quoted.of(partnerId);
        }
        if (!isSku(sku)) {
            return "sku must be 1-128 characters without whitespace or control characters";
        }
        if (occurredAt == null) {
            return "occurredAt is missing";
        }
        return null;
    }

    private static String checkIdentifier(final String field, final String value, final CharRule rule) {
        return rule.matches(value) ? null : field + " must be " + rule.description + ", was " + Quoted.of(value);
    }

    /** An identifier rule: 1 to maxLength characters, each allowed by {@link #allows}. */
    private abstract static class CharRule {
        private final int maxLength;
        private final String description;

        CharRule(final int maxLength, final String description) {
            this.maxLength = maxLength;
            this.description = description;
        }

        abstract boolean allows(char c);

        final boolean matches(final String value) {
            if (value == null || value.isEmpty() || value.length() > maxLength) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                if (!allows(value.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}

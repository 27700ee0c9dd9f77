package dev.stockflow.cli;

import dev.stockflow.deadletter.RejectReason;
import picocli.CommandLine;

/** A dead-letter error code as the {@code stockflow.error.code} header writes it ({@code undecodable}, ...). */
final class ErrorCodeConverter implements CommandLine.ITypeConverter<RejectReason> {

    @Override
    public RejectReason convert(final String value) {
        return RejectReason.ofCode(value.strip()).orElseThrow(() -> new CommandLine.TypeConversionException(
                "'" + value + "' is not an error code; the codes are " + RejectReason.allCodes()));
    }
}

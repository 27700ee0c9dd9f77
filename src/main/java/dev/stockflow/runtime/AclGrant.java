package dev.stockflow.runtime;

import java.util.Locale;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One ACL as an operator grants it with {@code kafka-acls.sh}: an operation on a topic, a group, a transactional id
 * or the cluster, by literal name or by prefix.
 *
 * @param name the resource's name, or its prefix; ignored for the cluster
 */
public record AclGrant(AclOperation operation, ResourceType type, String name, PatternType pattern) {

    public static AclGrant literal(final AclOperation operation, final ResourceType type, final String name) {
        return new AclGrant(operation, type, name, PatternType.LITERAL);
    }

    public static AclGrant prefixed(final AclOperation operation, final ResourceType type, final String prefix) {
        return new AclGrant(operation, type, prefix, PatternType.PREFIXED);
    }

    /** The resource in words: {@code topic offer-snapshots}, {@code transactional ids prefixed stockflow-}. */
    public String resource() {
        if (type == ResourceType.CLUSTER) {
            return "the cluster";
        }
        final String kind = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return pattern == PatternType.PREFIXED ? kind + "s prefixed " + name : kind + " " + name;
    }

    /** The arguments of {@code kafka-acls.sh --add} after the principal: operation, pattern type and resource. */
    public String kafkaAclsArguments() {
        final StringBuilder arguments = new StringBuilder("--operation ").append(operationName(operation));
        if (type == ResourceType.CLUSTER) {
            return arguments.append(" --cluster").toString();
        }
        if (pattern == PatternType.PREFIXED) {
            arguments.append(" --resource-pattern-type prefixed");
        }
        return arguments.append(" --").append(type.name().toLowerCase(Locale.ROOT).replace('_', '-')).append(' ')
                .append(name).toString();
    }

    /** As kafka-acls.sh spells an operation: {@code DESCRIBE_CONFIGS} is {@code DescribeConfigs}. */
    public static String operationName(final AclOperation operation) {
        final StringBuilder words = new StringBuilder();
        for (final String part : operation.name().split("_")) {
            words.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return words.toString();
    }
}

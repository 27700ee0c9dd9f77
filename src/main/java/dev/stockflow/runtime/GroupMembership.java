package dev.stockflow.runtime;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Who is in the application's consumer group right now. A reset under a running instance would leave it with
 * state and offsets that no longer match, so {@code reset} refuses while the group is active: it has members, or
 * it is in the middle of a rebalance.
 *
 * @param groupId the consumer group ({@code application.id})
 * @param state   its state; {@link GroupState#DEAD} when it does not exist
 * @param members its members
 */
public record GroupMembership(String groupId, GroupState state, List<MemberDescription> members) {

    private static final long TIMEOUT_SECONDS = 30;
    private static final Set<GroupState> ACTIVE_STATES = Set.of(GroupState.STABLE, GroupState.PREPARING_REBALANCE,
            GroupState.COMPLETING_REBALANCE, GroupState.ASSIGNING, GroupState.RECONCILING);

    public GroupMembership {
        members = List.copyOf(members);
    }

    static GroupMembership describe(final Admin admin, final String groupId) {
        try {
            final ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(groupId);
            return new GroupMembership(groupId, group.groupState(), List.copyOf(group.members()));
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return new GroupMembership(groupId, GroupState.DEAD, List.of());
            }
            throw new IllegalStateException("Cannot describe the consumer group " + groupId + ": " + e.getCause(), e);
        } catch (final TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s describing the "
                    + "consumer group " + groupId + "; check bootstrap.servers", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing the consumer group " + groupId, e);
        }
    }

    /** Members in the group, or a rebalance under way. */
    public boolean active() {
        return !members.isEmpty() || ACTIVE_STATES.contains(state);
    }

    /** Every member joined with a group.instance.id, so each can be removed by it. */
    public boolean onlyStaticMembers() {
        return !members.isEmpty() && members.stream().allMatch(member -> member.groupInstanceId().isPresent());
    }

    /** The group.instance.id of every static member. */
    public List<String> staticInstanceIds() {
        return members.stream().flatMap(member -> member.groupInstanceId().stream()).sorted().toList();
    }

    /**
     * Why a reset cannot run now and what to do: one line saying so, one line per member, then what helps.
     *
     * @param forceOption the option that removes static members, named in the advice
     */
    public String refusal(final String forceOption) {
        return "the consumer group '" + groupId + "' is active (" + stateAndSize() + "): stop every instance of the "
                + "application before a reset. Nothing was changed." + memberLines() + System.lineSeparator()
                + advice(forceOption);
    }

    /** Why a reset cannot run after static members were removed: members joined again, so they were running. */
    public String refusalAfterRemoval() {
        return "the consumer group '" + groupId + "' is active again after its static members were removed ("
                + stateAndSize() + "): these instances are running; stop them before a reset. Nothing else was "
                + "changed." + memberLines();
    }

    private String stateAndSize() {
        return "state " + state + ", " + members.size() + " member" + (members.size() == 1 ? "" : "s");
    }

    private String memberLines() {
        final StringBuilder lines = new StringBuilder();
        members.forEach(member -> lines.append(System.lineSeparator()).append("  ").append(describe(member)));
        return lines.toString();
    }

    private String advice(final String forceOption) {
        if (onlyStaticMembers()) {
            return "These are static members (the default for an instance with a stable identity, see "
                    + "static.membership): a stopped one stays in the group until its session times out "
                    + "(session.timeout.ms, 45 s by default). Wait and run reset again, or, if you are sure every "
                    + "instance is stopped, add " + forceOption + " to remove them now.";
        }
        return "An instance that stops leaves the group; a member that is not static is a running instance (or one "
                + "that crashed less than session.timeout.ms ago, 45 s by default: then wait and run reset again).";
    }

    private static String describe(final MemberDescription member) {
        return member.clientId() + " on " + member.host() + member.groupInstanceId()
                .map(id -> " (static member, group.instance.id " + id + ")").orElse(" (dynamic member)");
    }
}

package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

    @Test
    void shouldBeInactiveWhenEmptyOrGone() {
        // Given
        final GroupMembership empty = new GroupMembership("app", GroupState.EMPTY, List.of());
        final GroupMembership gone = new GroupMembership("app", GroupState.DEAD, List.of());

        // When / Then
        assertThat(empty.active()).isFalse();
        assertThat(gone.active()).isFalse();
    }

    @Test
    void shouldBeActiveWithMembersOrDuringARebalance() {
        // Given
        final GroupMembership withMember = new GroupMembership("app", GroupState.STABLE, List.of(dynamic("c-1")));
        final GroupMembership rebalancing = new GroupMembership("app", GroupState.PREPARING_REBALANCE, List.of());

        // When / Then
        assertThat(withMember.active()).isTrue();
        assertThat(rebalancing.active()).isTrue();
    }

    @Test
    void shouldExplainStaticMembersAndHowToRemoveThem() {
        // Given
        final GroupMembership group = new GroupMembership("app", GroupState.STABLE,
                List.of(staticMember("c-1", "app-host_8080-1"), staticMember("c-2", "app-host_8080-2")));

        // When
        final String refusal = group.refusal("--force-remove-static-members");

        // Then
        assertThat(group.onlyStaticMembers()).isTrue();
        assertThat(group.staticInstanceIds()).containsExactly("app-host_8080-1", "app-host_8080-2");
        assertThat(refusal.lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                .contains("consumer group 'app' is active (state Stable, 2 members)")
                .contains("stop every instance").contains("Nothing was changed"));
        assertThat(refusal).contains("c-1 on /10.0.0.1 (static member, group.instance.id app-host_8080-1)")
                .contains("session.timeout.ms, 45 s by default").contains("add --force-remove-static-members");
    }

    @Test
    void shouldSayThatADynamicMemberIsARunningInstance() {
        // Given
        final GroupMembership group = new GroupMembership("app", GroupState.STABLE,
                List.of(staticMember("c-1", "app-host_8080-1"), dynamic("c-2")));

        // When
        final String refusal = group.refusal("--force-remove-static-members");

        // Then
        assertThat(group.onlyStaticMembers()).isFalse();
        assertThat(refusal).contains("c-2 on /10.0.0.1 (dynamic member)").contains("is a running instance")
                .doesNotContain("add --force-remove-static-members");
    }

    @Test
    void shouldSayThatMembersBackAfterTheirRemovalAreRunning() {
        // Given
        final GroupMembership group = new GroupMembership("app", GroupState.COMPLETING_REBALANCE,
                List.of(staticMember("c-1", "app-host_8080-1")));

        // When
        final String refusal = group.refusalAfterRemoval();

        // Then
        assertThat(refusal).startsWith("the consumer group 'app' is active again after its static members were "
                + "removed (state CompletingRebalance, 1 member): these instances are running; stop them")
                .contains("c-1 on /10.0.0.1 (static member, group.instance.id app-host_8080-1)");
    }

    private static MemberDescription dynamic(final String clientId) {
        return new MemberDescription(clientId + "-id", Optional.empty(), clientId, "/10.0.0.1",
                new MemberAssignment(Set.of()));
    }

    private static MemberDescription staticMember(final String clientId, final String instanceId) {
        return new MemberDescription(clientId + "-id", Optional.of(instanceId), clientId, "/10.0.0.1",
                new MemberAssignment(Set.of()));
    }
}

package dev.channels.hazelcast;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README example runs and every job's result arrives once. */
class TwoMemberExampleTest {
    @Test
    void everyJobIsDoneOnceOnTheOtherMember() throws Exception {
        assertEquals(List.of(2, 4, 6, 8, 10), TwoMemberExample.run());
        HzTestCluster.assertNoHazelcastThreadLeft();
    }
}

package dev.channels.hazelcast;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Exact accounting of a stream across a failure: acknowledged sends against received values. */
record Accounting(int acknowledged, int received, int distinct, int duplicates, Set<Integer> lost) {

    static Accounting of(Collection<Integer> acked, Collection<Integer> received) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int v : received) {
            counts.merge(v, 1, Integer::sum);
        }
        int duplicates = 0;
        for (int c : counts.values()) {
            duplicates += c - 1;
        }
        Set<Integer> lost = new HashSet<>(acked);
        lost.removeAll(counts.keySet());
        return new Accounting(acked.size(), received.size(), counts.size(), duplicates, lost);
    }

    @Override
    public String toString() {
        return "acknowledged " + acknowledged + ", received " + received + " (" + distinct + " distinct, "
                + duplicates + " duplicates), acknowledged but lost " + lost.size();
    }
}

package dev.channels.hazelcast;

import dev.channels.Channel;

/**
 * A cluster-wide {@link Channel}: every member and client that opens the same name with
 * {@link HazelcastChannels} gets the same channel. Code written against {@code Channel}, {@code SendChannel} or
 * {@code ReceiveChannel} (for-each, {@code Channels.merge}, {@code Channels.workerPool}) works on it unchanged;
 * where a distributed channel behaves differently from a local one, the README's "Beyond one JVM" table says
 * how and why. In short:
 * <ul>
 *   <li>Values are copies (they must be serializable by Hazelcast); identity is not kept.</li>
 *   <li>Close, interrupt and timeouts are seen within one wait slice ({@link HazelcastChannels.Options}),
 *       not at once: a remote wait can only be woken by an item or by its own timeout.</li>
 *   <li>A close cause thrown in another JVM arrives as a {@link RemoteCause} naming the original class.</li>
 *   <li>{@code trySend}/{@code tryReceive} never wait for a peer or for room, but each costs network round
 *       trips; {@code size()} is one round trip.</li>
 *   <li>It cannot be used in {@link dev.channels.Select} ({@link IllegalArgumentException}): select on a local
 *       proxy, {@code Channels.merge(distributed)}.</li>
 * </ul>
 *
 * @param <T> the element type
 */
public interface DistributedChannel<T> extends Channel<T> {

    /**
     * The channel's cluster-wide name.
     *
     * @return the name given to {@link HazelcastChannels#buffered} or {@link HazelcastChannels#unbounded}
     */
    String name();
}

/**
 * Channels beyond one JVM, on Hazelcast: {@link dev.channels.hazelcast.HazelcastChannels} makes cluster-wide
 * {@link dev.channels.hazelcast.DistributedChannel}s that implement the library's {@link dev.channels.Channel}.
 */
package dev.channels.hazelcast;

/**
 * Cluster-wide channels on Hazelcast: {@link dev.channels.hazelcast.HazelcastChannels} makes or joins a channel by
 * name that implements the library's {@link dev.channels.Channel}, from a cluster member or a client.
 *
 * <p>The internal package is opened to Hazelcast only, which instantiates its serialized types by reflection.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // its API takes a HazelcastInstance: users need the module
module dev.channels.hazelcast {
    requires transitive dev.channels;
    requires transitive com.hazelcast.core;

    exports dev.channels.hazelcast;
    opens dev.channels.hazelcast.internal to com.hazelcast.core;
}

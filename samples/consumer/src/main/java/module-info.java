/** The consumer sample as a named module: it sees only what the libraries' descriptors export. */
module sample.consumer {
    requires dev.channels;
    requires dev.channels.actors;
    requires dev.channels.test;
}

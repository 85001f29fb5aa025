package dev.channels.bench.mailbox;

import java.util.concurrent.TimeUnit;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

/** Creates and stops the Pekko actor systems the benchmarks use, with Pekko's defaults and quiet logging. */
public final class PekkoSupport {
    private PekkoSupport() {
    }

    public static ActorSystem newSystem(String name) {
        return ActorSystem.create(name, ConfigFactory.parseString("""
                pekko.loglevel = "WARNING"
                pekko.stdout-loglevel = "WARNING"
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                """).withFallback(ConfigFactory.load()));
    }

    public static void terminate(ActorSystem system) throws Exception {
        system.terminate();
        Await.result(system.whenTerminated(), Duration.create(30, TimeUnit.SECONDS));
    }
}

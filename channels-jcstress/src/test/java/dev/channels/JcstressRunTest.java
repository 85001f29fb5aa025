package dev.channels;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs jcstress in-process (it forks its own test JVMs from this JVM's java.home and class path) in the mode
 * given by {@code -Djcstress.mode} (quick by default). jcstress throws an {@link AssertionError} listing the
 * failed tests when any fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.MINUTES) // quick mode takes minutes; -Djcstress.mode=tough takes longer
class JcstressRunTest {
    private static final String MODE = System.getProperty("jcstress.mode", "quick");
    private static final String RESULTS = System.getProperty("jcstress.results", "target/jcstress-results");

    private static void jcstress(String filter, String results) throws Exception {
        List<String> args = new ArrayList<>(List.of("-m", MODE, "-t", filter, "-r", results));
        Options opts = new Options(args.toArray(String[]::new));
        assertTrue(opts.parse(), "jcstress options " + args);
        JCStress jcstress = new JCStress(opts);
        assertFalse(jcstress.getTests().isEmpty(), "no jcstress test matches " + filter); // else it passes vacuously
        jcstress.run();
    }

    @Test
    @Order(1)
    void wakeUpPathsPass() throws Exception {
        jcstress("dev\\.channels\\.(ParkedReceiverIsWokenBySend|CloseWakesEveryWaiter|InterruptRacingHandOff).*",
                RESULTS + "/wake-up");
    }

    @Test
    @Order(2)
    void negativeControlCloseSkippingWaitersIsCaught() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> jcstress("dev\\.channels\\.NegativeControls.CloseSkipsWaiters", RESULTS + "/control-close"));
        assertTrue(String.valueOf(e.getMessage()).contains("CloseSkipsWaiters"), e.getMessage());
    }

    @Test
    @Order(3)
    void negativeControlCancelWithoutCasIsCaught() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> jcstress("dev\\.channels\\.NegativeControls.CancelWithoutCas", RESULTS + "/control-cancel"));
        assertTrue(String.valueOf(e.getMessage()).contains("CancelWithoutCas"), e.getMessage());
    }
}

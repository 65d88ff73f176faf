package io.leadscore.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The backtest's fresh pass counts only in a JVM with the jobs function's flags: the check names each flag this JVM
 * does not have, whatever the test JVM's own flags are.
 */
class BacktestFlagsTest {
    private static final HotSpotDiagnosticMXBean HOT_SPOT =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void namesEachFlagThisJvmDiffersIn() {
        String level = HOT_SPOT.getVMOption("TieredStopAtLevel").getValue();
        String otherLevel = level.equals("1") ? "4" : "1";
        boolean tiered = Boolean.parseBoolean(HOT_SPOT.getVMOption("TieredCompilation").getValue());
        String same = (tiered ? "-XX:+" : "-XX:-") + "TieredCompilation";
        String opposite = (tiered ? "-XX:-" : "-XX:+") + "TieredCompilation";

        assertEquals(List.of(), Backtest.differing(same + " -XX:TieredStopAtLevel=" + level));
        assertEquals(List.of(), Backtest.differing("  -Xmx2g  " + same + " "));
        assertEquals(List.of("-XX:TieredStopAtLevel=" + otherLevel),
                Backtest.differing(same + " -XX:TieredStopAtLevel=" + otherLevel));
        assertEquals(List.of(opposite, "-XX:TieredStopAtLevel=" + otherLevel),
                Backtest.differing(opposite + " -XX:TieredStopAtLevel=" + otherLevel));
        assertEquals(List.of(), Backtest.differing(""));
    }
}

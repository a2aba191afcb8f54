package cn.sanling.sanling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which villages a row of the 三零 board tiles: all of them up to a county, above it those that need attention. */
class BoardTilesTest {

    @Test
    void above_a_county_a_row_tiles_the_villages_with_an_incident_or_a_risk_up_to_its_limit() {
        List<Evaluation.Village> villages = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            villages.add(village(i, true, false)); // 三零
        }
        for (int i = 100; i < 150; i++) {
            villages.add(village(i, false, false)); // an incident
        }
        for (int i = 150; i < 170; i++) {
            villages.add(village(i, true, true)); // 三零, but an open RED case
        }
        Evaluation.Child row = new Evaluation.Child("411202", "湖滨区", 50, 0, 0, 0, false, true, 170, 120, 20,
                120.0 / 170, villages);

        SanlingPages.Tiles above = SanlingPages.tiles(row, true);
        assertThat(above.shown()).hasSize(SanlingPages.EXCEPTION_TILES).allMatch(v -> !v.sanling() || v.atRisk());
        assertThat(above.notShown()).isEqualTo(70 - SanlingPages.EXCEPTION_TILES);

        SanlingPages.Tiles county = SanlingPages.tiles(row, false);
        assertThat(county.shown()).isEqualTo(villages);
        assertThat(county.notShown()).isZero();

        Evaluation.Child quiet = new Evaluation.Child("411203", "陕州区", 0, 0, 0, 0, true, false, 100, 100, 0, 1.0,
                villages.subList(0, 100));
        assertThat(SanlingPages.tiles(quiet, true)).isEqualTo(new SanlingPages.Tiles(List.of(), 0));
    }

    private static Evaluation.Village village(int i, boolean sanling, boolean atRisk) {
        return new Evaluation.Village(String.format("411202%06d", i), "村" + i, sanling ? 0 : 1, 0, 0, sanling, atRisk);
    }
}

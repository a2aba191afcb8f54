package cn.sanling.demo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.sanling.account.AccountService;
import cn.sanling.dispute.DemoCaseHistory;
import cn.sanling.dispute.DisputeCommandService;
import cn.sanling.region.RegionService;
import cn.sanling.sanling.SanlingService;
import cn.sanling.support.DataLoads;

/**
 * Loads the demo data once (marked in data_load), when {@code sanling.demo.enabled=true}. The grids and the demo
 * accounts load before the application reports itself ready, so a demo account can sign in and report as soon as
 * health is UP; the ~33k households (~5 s) and the demo cases (300 by default, each through the full command path:
 * ~10 s; five of them late for acceptance, and six 三零 incidents) load afterwards on a background thread
 * ({@code sanling.demo.background}, default true), so the first start is not held up by them. Each load is one
 * transaction with its marker row: a load cut short by a shutdown leaves nothing and runs again at the next start.
 */
@Component
@Order(0)
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    static final String ORGANISATION = "demo-organisation";
    static final String HOUSEHOLDS = "demo-households";
    static final String CASES = "demo-cases";

    private final DemoProperties properties;
    private final DataLoads loads;
    private final RegionService regions;
    private final AccountService accounts;
    private final DisputeCommandService commands;
    private final DemoCaseHistory history;
    private final SanlingService incidents;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoDataLoader(DemoProperties properties, DataLoads loads, RegionService regions, AccountService accounts,
            DisputeCommandService commands, DemoCaseHistory history, SanlingService incidents, TransactionTemplate tx,
            Clock clock) {
        this.incidents = incidents;
        this.history = history;
        this.properties = properties;
        this.loads = loads;
        this.regions = regions;
        this.accounts = accounts;
        this.commands = commands;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        once(ORGANISATION, () -> DemoOrganisation.load(regions, accounts, clock));
        List<Runnable> later = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (!loads.done(HOUSEHOLDS)) {
            names.add(HOUSEHOLDS);
            // an installation from before households had their own marker has them already
            later.add(() -> once(HOUSEHOLDS, () -> {
                if (regions.householdCount() == 0) {
                    DemoOrganisation.loadHouseholds(regions, clock);
                }
            }));
        }
        if (properties.cases() > 0 && !loads.done(CASES)) {
            names.add(properties.cases() + " " + CASES);
            later.add(() -> once(CASES, () -> {
                DemoCases.Loaded cases = DemoCases.load(commands, regions, properties.cases());
                history.spread(cases.all(), 2026);
                history.overdue(cases.late(), 2026);
                DemoIncidents.load(incidents, regions, clock);
            }));
        }
        if (later.isEmpty()) {
            return;
        }
        if (!properties.background()) {
            later.forEach(Runnable::run);
            return;
        }
        Thread loader = new Thread(() -> {
            try {
                later.forEach(Runnable::run);
            } catch (RuntimeException e) {
                log.warn("Demo households/cases not loaded ({}); they are tried again at the next start", e.toString());
            }
        }, "sanling-demo-data");
        loader.setDaemon(true);
        log.info("Loading {} in the background", String.join(" and ", names));
        loader.start();
    }

    private void once(String name, Runnable load) {
        if (loads.done(name)) {
            return;
        }
        long start = System.nanoTime();
        try {
            tx.executeWithoutResult(status -> {
                loads.markDone(name, clock.instant());
                load.run();
            });
            log.info("Loaded {} in {} ms", name, (System.nanoTime() - start) / 1_000_000);
        } catch (DuplicateKeyException e) {
            log.info("{} was loaded by another node", name);
        }
    }
}

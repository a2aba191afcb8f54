package cn.sanling.demo;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.sanling.account.AccountService;
import cn.sanling.dispute.DisputeCommandService;
import cn.sanling.region.RegionService;

/** Loads the demo data once (marked in data_load), when {@code sanling.demo.enabled=true}. */
@Component
@Order(0)
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    static final String ORGANISATION = "demo-organisation";
    static final String CASES = "demo-cases";

    private final DemoProperties properties;
    private final DemoMapper mapper;
    private final RegionService regions;
    private final AccountService accounts;
    private final DisputeCommandService commands;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoDataLoader(DemoProperties properties, DemoMapper mapper, RegionService regions, AccountService accounts,
            DisputeCommandService commands, TransactionTemplate tx, Clock clock) {
        this.properties = properties;
        this.mapper = mapper;
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
        if (properties.cases() > 0) {
            once(CASES, () -> DemoCases.load(commands, regions, properties.cases()));
        }
    }

    private void once(String name, Runnable load) {
        if (mapper.isLoaded(name) > 0) {
            return;
        }
        long start = System.nanoTime();
        try {
            tx.executeWithoutResult(status -> {
                mapper.markLoaded(name, clock.instant());
                load.run();
            });
            log.info("Loaded {} in {} ms", name, (System.nanoTime() - start) / 1_000_000);
        } catch (DuplicateKeyException e) {
            log.info("{} was loaded by another node", name);
        }
    }
}

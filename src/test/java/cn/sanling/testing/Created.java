package cn.sanling.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** What a 201 promises: its {@code Location} is where the caller reads what was created. */
public final class Created {

    private Created() {
    }

    /** The 201's {@code Location} answers the same caller 200 with the JSON the 201 carried. */
    public static void assertLocated(TestApi.Caller caller, ApiResponse created) {
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String location = created.header("Location");
        assertThat(location).as("Location of %s", created).startsWith("/api/v1/");
        ApiResponse there = caller.get(location);
        assertThat(there.status()).as("%s", there).isEqualTo(200);
        assertThat(there.json()).isEqualTo(created.json());
    }
}

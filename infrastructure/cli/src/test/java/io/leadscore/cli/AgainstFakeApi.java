package io.leadscore.cli;

import org.junit.jupiter.api.AfterEach;

/** Tests of commands run against a fresh fake admin API, with the admin key, as a local user would run them. */
abstract class AgainstFakeApi {
    static final String ADMIN_KEY = "ak_test";

    final FakeAdminApi api = new FakeAdminApi();

    @AfterEach
    void stopApi() {
        api.close();
    }

    Cli.Run run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--endpoint=" + api.endpoint();
        all[1] = "--admin-key=" + ADMIN_KEY;
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run(all);
    }
}
